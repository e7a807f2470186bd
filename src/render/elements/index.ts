export { createElementRenderer } from './elementRenderer';
export type { ElementSession } from './elementSession';
export { defaultElementRendererOptions, type ElementRendererConfig, type ElementRendererOptions, type PreloadPolicy } from './elementOptions';
export type { DriftPolicy } from './driftPolicy';
