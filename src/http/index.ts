export * from './contentType';
export * from './fileResponsePlan';
export * from './mediaPath';
export * from './derivedProtocol';
export * from './requestGuards';
