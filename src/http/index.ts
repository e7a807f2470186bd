export * from './contentType';
export * from './fileResponsePlan';
