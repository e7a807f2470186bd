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
  'panel-background': 'Canvas',
  'header-width': '232px',
} as const;

export type ThemeToken = keyof typeof themeDefaults;

const v = (name: ThemeToken) => `var(--mtk-${name}, ${themeDefaults[name]})`;

/**
 * The two designed themes, as token values: `light` is `themeDefaults`; `dark` an editor's dark
 * room (greys that keep the picture the brightest thing on screen, text at AA contrast or better).
 * Put `data-mtk-theme="dark"` (or `"light"`) on any ancestor; single tokens set there still win.
 */
export const themes: Record<'light' | 'dark', Partial<Record<ThemeToken, string>>> = {
  light: {},
  dark: {
    'text': '#e6e6e6',
    'muted': '#a3a3a3',
    'accent': '#4aa3ff',
    'attention': '#f0b429',
    'panel-background': '#1e1f22',
    'ruler': '#6b6b6b',
    'clip-background': '#2f5d8c',
    'clip-border': '#6fa8e0',
    'waveform': '#b9d8ff',
    'banner-background': '#3a2f0b',
    'banner-text': '#ffe29a',
    'banner-border': '#7a5f12',
    'error': '#ff6b60',
    'meter-background': '#111',
  },
};

const themeBlock = (theme: keyof typeof themes) =>
  `:where([data-mtk-theme="${theme}"]) { color-scheme: ${theme}; ${Object.entries(themes[theme])
    .map(([token, value]) => `--mtk-${token}: ${value};`)
    .join(' ')} }`;

/** A theme token's value where a component computes a style inline (`calc` with a width, say). */
export const themeValue = v;

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
${themeBlock('light')}
${themeBlock('dark')}
:where([data-mtk-theme]) { background: ${v('panel-background')}; color: ${v('text')}; }
:where(.mtk-icon-button) {
  display: inline-flex; align-items: center; justify-content: center; width: 24px; height: 24px; padding: 0; border: 0; border-radius: 4px;
  background: transparent; color: ${v('muted')}; cursor: pointer;
}
:where(.mtk-icon-button[data-hovered]) { background: color-mix(in srgb, ${v('text')} 12%, transparent); color: ${v('text')}; }
:where(.mtk-icon-button[data-focus-visible]) { outline: 2px solid ${v('accent')}; outline-offset: 1px; }
:where(.mtk-icon-button[data-selected], .mtk-icon-button[aria-pressed="true"]) { color: ${v('accent')}; }
:where(button.mtk-icon-button:hover) { background: color-mix(in srgb, ${v('text')} 12%, transparent); color: ${v('text')}; }
:where(button.mtk-icon-button:focus-visible) { outline: 2px solid ${v('accent')}; outline-offset: 1px; }
:where(.mtk-transport .mtk-icon-button) { color: ${v('text')}; }
:where(.mtk-transport-play) { width: 32px; height: 32px; border-radius: 50%; background: ${v('accent')}; color: #fff; }
:where(.mtk-mixer-pan-label) { font: ${v('small-font')}; color: ${v('muted')}; }
:where(.mtk-mixer input[type="range"]) { accent-color: ${v('accent')}; }
:where(.mtk-tooltip) { padding: 3px 6px; border-radius: 4px; font: ${v('small-font')}; background: ${v('text')}; color: ${v('panel-background')}; }
:where(.mtk-popover) { min-width: 140px; padding: 4px; border-radius: 6px; border: 1px solid ${v('ruler')}; background: ${v('panel-background')}; color: ${v('text')}; box-shadow: 0 6px 20px rgba(0, 0, 0, 0.3); }
:where(.mtk-menu) { outline: none; font: ${v('font')}; }
:where(.mtk-menu-item) { padding: 4px 8px; border-radius: 4px; cursor: default; outline: none; }
:where(.mtk-menu-item[data-focused]) { background: ${v('accent')}; color: #fff; }
:where(.mtk-menu-item[data-danger]) { color: ${v('error')}; }
:where(.mtk-menu-item[data-danger][data-focused]) { background: ${v('error')}; color: #fff; }
:where(.mtk-track-header) { display: flex; align-items: center; gap: 2px; height: 100%; padding: 0 4px; box-sizing: border-box; font: ${v('small-font')}; }
:where(.mtk-track-header[data-selected]) { box-shadow: inset 3px 0 ${v('accent')}; }
:where(.mtk-track-kind) { flex: none; color: ${v('muted')}; }
:where(.mtk-track-header-name) { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
:where(.mtk-track-header-status) { flex: none; max-width: 64px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; color: ${v('muted')}; }
:where(.mtk-track-header-status[data-status="ready"], .mtk-track-header-status[data-status="hidden"], .mtk-track-header-status[data-status="muted"]) {
  width: 8px; height: 8px; border-radius: 50%; font-size: 0; background: ${v('meter-rms')};
}
:where(.mtk-track-header-status[data-status="hidden"], .mtk-track-header-status[data-status="muted"]) { background: ${v('muted')}; }
:where(.mtk-track-header-status[data-status="error"]) { color: ${v('error')}; }
:where(.mtk-track-header-status[data-status="buffering"], .mtk-track-header-status[data-status="reconnecting"]) { color: ${v('attention')}; }
:where(.mtk-timeline[data-headers] .mtk-timeline-row) { min-height: 28px; }
:where(.mtk-timeline-row[data-locked] .mtk-clip) { background-image: repeating-linear-gradient(135deg, transparent 0 6px, rgba(0, 0, 0, 0.12) 6px 8px); }
:where(.mtk-composite) { position: relative; width: 100%; background: ${v('composite-background')}; overflow: hidden; }
:where(.mtk-composite-note) { position: absolute; inset: 0; display: grid; place-items: center; margin: 0; font: ${v('font')}; color: ${v('placeholder-text')}; }
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
:where(.mtk-timecode) { font-variant-numeric: tabular-nums; display: inline-block; contain: layout paint; will-change: transform; }
:where(.mtk-transport-waiting) { color: ${v('attention')}; }
:where(.mtk-transport-sound-blocked) { color: ${v('attention')}; }
:where(.mtk-mixer) { display: flex; flex-direction: column; gap: 4px; font: ${v('font')}; color: ${v('text')}; }
:where(.mtk-mixer-strip) { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; }
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
:where(.mtk-timeline-tools) { display: flex; gap: 4px; align-items: center; height: 24px; cursor: default; }
:where(.mtk-timeline-zoom) { width: 120px; }
:where(.mtk-timeline-view) { overflow-x: auto; overflow-y: hidden; }
:where(.mtk-timeline-content) { position: relative; min-width: 100%; }
:where(.mtk-ruler-gap) { width: ${v('label-width')}; flex: none; position: sticky; left: 0; z-index: 2; background: ${v('panel-background')}; }
:where(.mtk-ruler-marks) { position: relative; flex: 1; }
:where(.mtk-ruler-mark) { position: absolute; bottom: 0; border-left: 1px solid ${v('ruler')}; padding-left: 2px; height: 10px; line-height: 10px; }
:where(.mtk-timeline-row) { display: flex; height: ${v('row-height')}; }
:where(.mtk-timeline-row[data-visible="false"]) { opacity: 0.45; }
:where(.mtk-timeline-label) {
  width: ${v('label-width')}; flex: none; line-height: ${v('row-height')}; overflow: hidden; text-overflow: ellipsis; white-space: nowrap;
  position: sticky; left: 0; z-index: 2; background: ${v('panel-background')};
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
:where(.mtk-clip-edge[data-part="start"]) { left: 0; }
:where(.mtk-clip-edge[data-part="end"]) { right: 0; }
:where(.mtk-clip-edge:hover) { background: ${v('clip-border')}; }
:where(.mtk-marked) { position: absolute; top: 0; bottom: 0; background: ${v('clip-background')}; opacity: 0.5; }
:where(.mtk-mark) { position: absolute; top: 0; bottom: 0; width: 0; border-left: 2px solid ${v('playhead')}; }
:where(.mtk-timeline-split) { font: inherit; padding: 0 6px; height: 20px; }
:where(.mtk-clip-filmstrip) { position: absolute; inset: 0; }
:where(.mtk-clip-filmstrip > img) { position: absolute; top: 0; height: 100%; pointer-events: none; user-select: none; }
:where(.mtk-clip[data-filmstrip="loading"]) { opacity: 0.6; }
:where(.mtk-clip-waveform) { position: absolute; inset: 0; width: 100%; height: 100%; color: ${v('waveform')}; }
:where(.mtk-clip[data-waveform="computing"]) { opacity: 0.6; }
:where(.mtk-clip-level) { position: absolute; inset: 0; width: 100%; height: 100%; overflow: visible; pointer-events: none; }
:where(.mtk-clip-level polyline) { fill: none; stroke: ${v('accent')}; stroke-width: 1.5px; }
:where(.mtk-clip-fade) { fill: rgb(0 0 0 / 0.35); }
:where(.mtk-clip-fade-handle) {
  position: absolute; top: 0; width: 9px; height: 9px; margin-left: -4.5px; border-radius: 50%; background: ${v('handle-fill')}; border: 1.5px solid ${v('accent')};
  cursor: ew-resize; touch-action: none; z-index: 1;
}
:where(.mtk-clip-fade-handle:focus-visible) { outline: 2px solid ${v('accent')}; outline-offset: 1px; }
:where(.mtk-clip-transition) {
  position: absolute; left: 0; top: 0; bottom: 0; pointer-events: none;
  background: linear-gradient(to top right, transparent calc(50% - 1px), ${v('accent')} 50%, transparent calc(50% + 1px)), rgb(255 255 255 / 0.18);
  border-right: 1px solid ${v('accent')};
}
:where(.mtk-clip-keyframes) { position: absolute; left: 0; right: 0; bottom: 2px; height: 7px; pointer-events: none; }
:where(.mtk-keyframe) { position: absolute; top: 0; width: 7px; height: 7px; margin-left: -3.5px; transform: rotate(45deg) scale(0.8); background: ${v('accent')}; box-shadow: 0 0 0 1px rgb(0 0 0 / 0.5); }
:where(.mtk-clip-note) { position: absolute; inset: 0; padding: 0 4px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; font: ${v('small-font')}; color: ${v('error')}; }
:where(.mtk-timeline-lane) { position: absolute; top: 0; bottom: 0; left: ${v('label-width')}; right: 0; pointer-events: none; contain: strict; }
:where(.mtk-playhead-track) { position: absolute; inset: 0; pointer-events: none; will-change: transform; }
:where(.mtk-playhead) {
  position: absolute; top: 0; bottom: 0; left: 0; width: 2px; margin-left: -1px; background: ${v('playhead')}; outline-offset: 2px; pointer-events: auto;
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
