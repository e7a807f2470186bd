/**
 * The custom properties the default look reads, with their defaults. Set any of them (as
 * `--mtk-<name>`) on an ancestor of the kit's components to retheme them.
 */
export const themeDefaults = {
  'font': '13px system-ui, sans-serif',
  'small-font': '12px system-ui, sans-serif',
  'text': 'inherit',
  'muted': '#555',
  'accent': '#3b9cff',
  'handle-fill': '#fff',
  'handle-size': '10px',
  'attention': '#8a5a00',
  'composite-background': '#000',
  'placeholder-background': 'rgba(30, 30, 30, 0.8)',
  'placeholder-text': '#e8e8e8',
  'error-background': 'rgba(90, 0, 0, 0.8)',
  'error-text': '#ffd7d7',
  'unseen-border': '1px dashed rgba(255, 255, 255, 0.4)',
  'suspended-background': '#111',
  'suspended-text': '#f3f3f3',
  'ruler': '#999',
  'clip-background': '#9cc3ef',
  'clip-border': '#2c6db3',
  'playhead': '#e0245e',
  'row-height': '22px',
  'label-width': '96px',
  'banner-background': '#fff3cd',
  'banner-text': '#664d03',
  'banner-border': '#ffe69c',
  'list-max-height': '480px',
  'meter-background': '#222',
  'meter-rms': '#3fae5a',
  'meter-peak': '#e8e8e8',
  'error': '#d93025',
  'audio-row-height': '40px',
  'filmstrip-row-height': '40px',
  'waveform': '#1d4f86',
} as const;

export type ThemeToken = keyof typeof themeDefaults;

const v = (name: ThemeToken) => `var(--mtk-${name}, ${themeDefaults[name]})`;

/**
 * The kit's default look, in one stylesheet. Every rule's selector sits in `:where()`, so it weighs nothing:
 * a host's class (or a `className` on a component) wins without `!important`. Colours, sizes and
 * fonts are custom properties with defaults (`themeDefaults`; set them on any ancestor). The provider
 * puts this sheet in the document once (`config.injectStyles`, on by default); the package also
 * ships it as `multitrack-kit/styles.css` for hosts that load CSS themselves.
 *
 * Components keep inline only what is computed (a layer's position, a clip's extent, the
 * playhead's place) and state as data attributes (`data-status`, `data-selected`, `data-state`).
 */
export const defaultStylesheet = `
:where(.mtk-composite) { position: relative; width: 100%; background: ${v('composite-background')}; overflow: hidden; }
:where(.mtk-layer-fill) { position: absolute; inset: 0; background: ${v('composite-background')}; }
:where(.mtk-video) { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: contain; background: ${v('composite-background')}; }
:where(.mtk-still) { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
:where(.mtk-still[hidden]) { display: none; }
:where(.mtk-canvas) { position: absolute; inset: 0; width: 100%; height: 100%; display: block; }
:where(.mtk-layer-note) { position: absolute; left: 4px; bottom: 4px; padding: 1px 4px; font-size: 11px; color: ${v('attention')}; background: ${v('composite-background')}; }
:where(.mtk-layer) { position: absolute; }
:where(.mtk-layer[data-selected])::after {
  content: ''; position: absolute; inset: 0; border: 2px solid ${v('accent')}; pointer-events: none;
}
:where(.mtk-layer[data-seen="false"]) { pointer-events: none; }
:where(.mtk-handles) { position: absolute; inset: 0; pointer-events: none; z-index: 2147483000; }
:where(.mtk-handles-outline) { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; }
:where(.mtk-handles-outline polygon) { fill: none; stroke: ${v('accent')}; stroke-width: 1.5px; }
:where(.mtk-handle) {
  position: absolute; width: ${v('handle-size')}; height: ${v('handle-size')}; translate: -50% -50%; box-sizing: border-box;
  background: ${v('handle-fill')}; border: 1.5px solid ${v('accent')}; pointer-events: auto; touch-action: none;
}
:where(.mtk-handle:focus-visible) { outline: 2px solid ${v('accent')}; outline-offset: 2px; }
:where(.mtk-handle[data-handle="move"]) { border-radius: 50%; cursor: move; }
:where(.mtk-handle[data-handle="top-left"], .mtk-handle[data-handle="bottom-right"]) { cursor: nwse-resize; }
:where(.mtk-handle[data-handle="top-right"], .mtk-handle[data-handle="bottom-left"]) { cursor: nesw-resize; }
:where(.mtk-handle[data-handle="rotate"]) { border-radius: 50%; cursor: grab; transform: rotate(var(--mtk-handle-turn, 0deg)) translateY(calc(-2.5 * ${v('handle-size')})); }
:where(.mtk-handles[data-gesture] .mtk-handle) { cursor: grabbing; }
:where(.mtk-placeholder) {
  position: absolute; inset: 0; display: flex; flex-direction: column; align-items: center; justify-content: center;
  gap: 4px; padding: 4px; box-sizing: border-box; text-align: center;
  font: ${v('small-font')}; color: ${v('placeholder-text')}; background: ${v('placeholder-background')};
}
:where(.mtk-placeholder[data-state="error"]) { color: ${v('error-text')}; background: ${v('error-background')}; }
:where(.mtk-placeholder[data-state="reconnecting"]) { color: ${v('attention')}; }
:where(.mtk-placeholder[data-state="hidden"], .mtk-placeholder[data-state="off-composite"], .mtk-placeholder[data-state="covered"]) {
  background: transparent; border: ${v('unseen-border')}; pointer-events: none;
}
:where(.mtk-suspended) { position: absolute; inset: 0; background: ${v('suspended-background')}; color: ${v('suspended-text')}; font: ${v('small-font')}; }
:where(.mtk-suspended-still) { position: absolute; inset: 0; opacity: 0.6; }
:where(.mtk-suspended-bar) { position: absolute; left: 4px; top: 4px; right: 4px; display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
:where(.mtk-suspended-badge) { background: ${v('attention')}; padding: 1px 4px; border-radius: 3px; }
:where(.mtk-transport) { display: flex; gap: 8px; align-items: center; font: ${v('font')}; color: ${v('text')}; }
:where(.mtk-timecode) { font-variant-numeric: tabular-nums; display: inline-block; contain: layout paint; }
:where(.mtk-transport-waiting) { color: ${v('attention')}; }
:where(.mtk-transport-sound-blocked) { color: ${v('attention')}; }
:where(.mtk-mixer) { display: flex; flex-direction: column; gap: 4px; font: ${v('font')}; color: ${v('text')}; }
:where(.mtk-mixer-strip) { display: flex; gap: 8px; align-items: center; }
:where(.mtk-mixer-strip[data-audible="false"]) { opacity: 0.55; }
:where(.mtk-mixer-name) { min-width: 8em; }
:where(.mtk-mixer-value) { min-width: 5em; font-variant-numeric: tabular-nums; }
:where(.mtk-meter) { position: relative; width: 8em; height: 8px; background: ${v('meter-background')}; border-radius: 2px; overflow: hidden; }
:where(.mtk-meter-rms, .mtk-meter-peak) { position: absolute; inset: 0 auto 0 0; }
:where(.mtk-meter-rms) { width: calc(var(--mtk-meter-rms, 0) * 100%); background: ${v('meter-rms')}; }
:where(.mtk-meter-peak) { left: calc(var(--mtk-meter-peak, 0) * 100%); width: 2px; background: ${v('meter-peak')}; }
:where(.mtk-meter[data-level="clipping"] .mtk-meter-peak) { background: ${v('error')}; }
:where(.mtk-mixer-strip button[aria-pressed="true"]) { background: ${v('accent')}; color: ${v('composite-background')}; }
:where(.mtk-timeline) { position: relative; font: 11px system-ui, sans-serif; color: ${v('text')}; user-select: none; touch-action: none; cursor: ew-resize; }
:where(.mtk-ruler) { display: flex; height: 20px; border-bottom: 1px solid ${v('ruler')}; }
:where(.mtk-ruler-gap) { width: ${v('label-width')}; flex: none; }
:where(.mtk-ruler-marks) { position: relative; flex: 1; }
:where(.mtk-ruler-mark) { position: absolute; bottom: 0; border-left: 1px solid ${v('ruler')}; padding-left: 2px; height: 10px; line-height: 10px; }
:where(.mtk-timeline-row) { display: flex; height: ${v('row-height')}; }
:where(.mtk-timeline-row[data-visible="false"]) { opacity: 0.45; }
:where(.mtk-timeline-label) {
  width: ${v('label-width')}; flex: none; line-height: ${v('row-height')}; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
}
:where(.mtk-timeline-clips) { position: relative; flex: 1; }
:where(.mtk-clip) {
  position: absolute; top: 3px; bottom: 3px; box-sizing: border-box; border: 1px solid ${v('clip-border')}; border-radius: 3px;
  background: ${v('clip-background')};
}
:where(.mtk-timeline-row[data-kind="audio"]) { height: ${v('audio-row-height')}; }
:where(.mtk-timeline-row[data-filmstrip]) { height: ${v('filmstrip-row-height')}; }
:where(.mtk-clip[data-waveform], .mtk-clip[data-filmstrip]) { overflow: hidden; }
:where(.mtk-clip[data-editable]) { cursor: grab; }
:where(.mtk-clip[data-editable]:focus-visible, .mtk-clip-edge:focus-visible) { outline: 2px solid ${v('playhead')}; outline-offset: 1px; }
:where(.mtk-clip-edge) { position: absolute; top: 0; bottom: 0; width: 6px; cursor: col-resize; z-index: 1; }
:where(.mtk-clip-edge[data-edge="start"]) { left: 0; }
:where(.mtk-clip-edge[data-edge="end"]) { right: 0; }
:where(.mtk-clip-edge:hover) { background: ${v('clip-border')}; }
:where(.mtk-timeline-split) { font: inherit; padding: 0 6px; height: 18px; }
:where(.mtk-clip-filmstrip) { position: absolute; inset: 0; }
:where(.mtk-clip-filmstrip > canvas) { position: absolute; top: 0; height: 100%; }
:where(.mtk-clip[data-filmstrip="loading"]) { opacity: 0.6; }
:where(.mtk-clip-waveform) { position: absolute; inset: 0; width: 100%; height: 100%; color: ${v('waveform')}; }
:where(.mtk-clip[data-waveform="computing"]) { opacity: 0.6; }
:where(.mtk-clip-note) { position: absolute; inset: 0; padding: 0 4px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font: ${v('small-font')}; color: ${v('error')}; }
:where(.mtk-timeline-lane) { position: absolute; top: 0; bottom: 0; left: ${v('label-width')}; right: 0; pointer-events: none; contain: strict; }
:where(.mtk-playhead) {
  position: absolute; top: 0; bottom: 0; width: 2px; margin-left: -1px; background: ${v('playhead')}; outline-offset: 2px; pointer-events: auto;
  will-change: transform;
}
:where(.mtk-scroll[data-windowed]) { max-height: ${v('list-max-height')}; overflow-y: auto; contain: content; }
:where(.mtk-track-list) { list-style: none; margin: 0; padding: 0; font: ${v('font')}; color: ${v('text')}; }
:where(.mtk-track-row) { display: flex; gap: 6px; align-items: center; padding: 2px 0; }
:where(.mtk-track-name) { min-width: 90px; }
:where(.mtk-track-row[data-selected] .mtk-track-name) { font-weight: 600; }
:where(.mtk-track-status) { min-width: 70px; color: ${v('muted')}; }
:where(.mtk-track-note) { color: ${v('attention')}; font: ${v('small-font')}; }
:where(.mtk-track-error) { color: ${v('error')}; font: ${v('small-font')}; }
:where(.mtk-readout) { margin: 0; font: ${v('small-font')}; color: ${v('muted')}; }
:where(.mtk-readout[data-state="over"]) { color: ${v('attention')}; }
:where(.mtk-memory-warning) {
  display: flex; flex-wrap: wrap; gap: 8px; align-items: center; padding: 6px 10px; font: ${v('font')};
  background: ${v('banner-background')}; color: ${v('banner-text')}; border: 1px solid ${v('banner-border')};
}
`;
