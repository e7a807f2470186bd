export { canvasRendererSupported, createCanvasRenderer, type CanvasRendererSetup } from './canvasRenderer';
export { checkCanvasRenderer, useCanvasRendererCheck, type CanvasRendererCheck } from './checkCanvasRenderer';
export { compositeSnapshot, useCompositeExport, type CanvasSession, type LayerShown } from './canvasSession';
export type { CompositeExport } from './compositeExport';
export { defaultCanvasRendererOptions, type CanvasRendererConfig, type CanvasRendererOptions } from './canvasOptions';
