export { canvasRendererSupported, createCanvasRenderer, type CanvasRendererSetup } from './canvasRenderer';
export type { CanvasSession, LayerShown } from './canvasSession';
export { defaultCanvasRendererOptions, type CanvasRendererConfig, type CanvasRendererOptions } from './canvasOptions';
