import { LookError } from './layerLook';

/**
 * What a layer that plays no media shows: a solid colour, or a title's words and how they are set.
 * Checked here, on the way into the store, so a renderer is never handed a value it cannot draw.
 */

// The colour forms both renderers take the same way (CSS, and a canvas's `fillStyle`). Checked
// by shape, since the store has no DOM to ask.
const colourForms = [/^#(?:[0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i, /^(?:rgba?|hsla?)\([0-9.,%\s/+-]+\)$/i, /^[a-z]+$/i];

/** Throws a `LookError` naming `field` for a value that is not a CSS colour of the forms above. */
export function checkColour(field: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || !colourForms.some((form) => form.test(value.trim()))) {
    throw new LookError(field, `${String(value)} is not a colour (#rrggbb, rgb(...), hsl(...) or a name)`);
  }
}

/** A line drawn around each letter of a title. */
export interface TextOutline {
  color: string;
  /** In composition pixels. */
  width: number;
}

/** A shadow under a title's letters (and their outline). */
export interface TextShadow {
  color: string;
  /** Blur radius, in composition pixels. */
  blur: number;
  /** Offset, in composition pixels. */
  x: number;
  y: number;
}

export type TextAlign = 'left' | 'center' | 'right';
export type TextVerticalAlign = 'top' | 'middle' | 'bottom';

/**
 * A text layer's words and how they are set, in composition pixels: wrapped at word boundaries to
 * the layer's box (a word wider than the box is broken), lines past the box's foot cut off.
 */
export interface TextContent {
  content: string;
  /** A CSS font family list; the page's fonts (`@font-face`, `document.fonts`) are waited for. */
  fontFamily: string;
  fontSize: number;
  /** 1 to 1000, as CSS. */
  fontWeight: number;
  fontStyle: 'normal' | 'italic';
  color: string;
  align: TextAlign;
  verticalAlign: TextVerticalAlign;
  /** A multiple of the font size. */
  lineHeight: number;
  outline?: TextOutline;
  shadow?: TextShadow;
}

/** A text layer's content as a host gives it: the words, and any style that differs from the defaults. */
export type TextChange = Partial<TextContent>;

export const defaultText: Omit<TextContent, 'content'> = {
  fontFamily: 'system-ui, sans-serif',
  fontSize: 48,
  fontWeight: 400,
  fontStyle: 'normal',
  color: '#ffffff',
  align: 'center',
  verticalAlign: 'middle',
  lineHeight: 1.2,
};

const positive = (field: string, value: unknown, least = 0) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < least) throw new LookError(field, `${String(value)} is not a number of at least ${least}`);
};
const oneOf = (field: string, value: unknown, allowed: readonly string[]) => {
  if (!allowed.includes(value as string)) throw new LookError(field, `${String(value)} is not one of ${allowed.join(', ')}`);
};

/** Throws a `LookError` naming the first field of `change` no title can have. */
export function checkText(change: TextChange): void {
  const { content, fontFamily, fontSize, fontWeight, fontStyle, color, align, verticalAlign, lineHeight, outline, shadow } = change;
  if (content !== undefined && typeof content !== 'string') throw new LookError('text.content', `${String(content)} is not a string`);
  if (fontFamily !== undefined && (typeof fontFamily !== 'string' || fontFamily.trim() === '' || /[;{}]/.test(fontFamily))) {
    throw new LookError('text.fontFamily', `${String(fontFamily)} is not a font family list`);
  }
  if (fontSize !== undefined) positive('text.fontSize', fontSize, 1);
  if (fontWeight !== undefined) {
    positive('text.fontWeight', fontWeight, 1);
    if (fontWeight > 1000) throw new LookError('text.fontWeight', `${fontWeight} is over 1000`);
  }
  if (fontStyle !== undefined) oneOf('text.fontStyle', fontStyle, ['normal', 'italic']);
  if (color !== undefined) checkColour('text.color', color);
  if (align !== undefined) oneOf('text.align', align, ['left', 'center', 'right']);
  if (verticalAlign !== undefined) oneOf('text.verticalAlign', verticalAlign, ['top', 'middle', 'bottom']);
  if (lineHeight !== undefined) positive('text.lineHeight', lineHeight, 0.1);
  if (outline !== undefined) {
    checkColour('text.outline.color', outline.color);
    positive('text.outline.width', outline.width);
  }
  if (shadow !== undefined) {
    checkColour('text.shadow.color', shadow.color);
    positive('text.shadow.blur', shadow.blur);
    for (const axis of ['x', 'y'] as const) {
      if (typeof shadow[axis] !== 'number' || !Number.isFinite(shadow[axis])) throw new LookError(`text.shadow.${axis}`, `${String(shadow[axis])} is not a finite number`);
    }
  }
}

/** `change` over `text` (or the defaults), checked first: a `LookError` leaves nothing half set. */
export function mergeText(text: TextContent | undefined, change: TextChange): TextContent {
  checkText(change);
  const merged = { ...defaultText, content: '', ...text, ...change };
  if (change.outline === undefined && 'outline' in change) delete merged.outline;
  if (change.shadow === undefined && 'shadow' in change) delete merged.shadow;
  return merged;
}

/** The CSS `font` shorthand of a title at `scale` device pixels per composition pixel. */
export function textFont(text: TextContent, scale = 1): string {
  return `${text.fontStyle} ${text.fontWeight} ${text.fontSize * scale}px ${text.fontFamily}`;
}
