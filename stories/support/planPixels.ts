import { apply, invert, type BlendMode, type PlannedLayer, type Point } from '../../src/state';

/** A layer's picture as the expectation reads it: its colour (0-255, and alpha 0-1) at a source pixel. */
export interface PlannedPicture {
  plan: PlannedLayer;
  colourAt(x: number, y: number): { rgb: number[]; alpha: number };
}

/** W3C compositing's separable blend functions, on 0-1 channels: `below` the backdrop, `above` the layer. */
const blendOf: Record<Exclude<BlendMode, 'add'>, (below: number, above: number) => number> = {
  normal: (_, above) => above,
  multiply: (below, above) => below * above,
  screen: (below, above) => below + above - below * above,
  overlay: (below, above) => (below <= 0.5 ? 2 * below * above : 1 - 2 * (1 - below) * (1 - above)),
  lighten: (below, above) => Math.max(below, above),
  darken: (below, above) => Math.min(below, above),
};

/**
 * The colour the composite should have at composition point `point`, worked out from the plan
 * alone (not from either renderer): each layer in paint order maps the point back through its
 * matrix into its picture and onto its source, takes the source's colour there, and lays it over
 * what is under it by its opacity and blend mode. `background` is the composite's, 0-255.
 */
export function expectedColourAt(point: Point, layers: readonly PlannedPicture[], background: number[]): number[] {
  let under = background.map((channel) => channel / 255);
  for (const { plan, colourAt } of layers) {
    const back = invert(plan.matrix);
    if (!back || !plan.source) continue;
    const inBox = apply(back, point);
    const { picture, source } = plan;
    const across = (inBox.x - picture.x) / picture.width;
    const down = (inBox.y - picture.y) / picture.height;
    if (across < 0 || across >= 1 || down < 0 || down >= 1) continue;
    const { rgb, alpha } = colourAt(source.x + across * source.width, source.y + down * source.height);
    const strength = alpha * plan.opacity;
    if (strength === 0) continue;
    const above = rgb.map((channel) => channel / 255);
    const { blend } = plan;
    under =
      blend === 'add'
        ? under.map((below, channel) => Math.min(1, below + above[channel] * strength))
        : under.map((below, channel) => below * (1 - strength) + blendOf[blend](below, above[channel]) * strength);
  }
  return under.map((channel) => Math.round(channel * 255));
}

/**
 * Points of a layer's drawn bounds on the composite (`composition` wide and high) where the
 * expected colour is the same a few pixels around (so not on an edge, where filtering and
 * rounding differ by design): where to compare.
 */
export function flatPointsOf(
  plan: PlannedLayer,
  layers: readonly PlannedPicture[],
  background: number[],
  composition: { width: number; height: number },
  step = 4,
  margin = 4,
): Point[] {
  const points: Point[] = [];
  const inside = ({ x, y }: Point) => x >= margin && y >= margin && x <= composition.width - margin && y <= composition.height - margin;
  const same = (a: number[], b: number[]) => a.every((value, channel) => Math.abs(value - b[channel]) <= 1);
  for (let y = plan.bounds.y + margin; y <= plan.bounds.y + plan.bounds.height - margin; y += step) {
    for (let x = plan.bounds.x + margin; x <= plan.bounds.x + plan.bounds.width - margin; x += step) {
      if (!inside({ x, y })) continue;
      const here = expectedColourAt({ x, y }, layers, background);
      // Eight directions at the margin and at half of it: no edge passes between them and the point.
      const around = [margin, margin / 2].flatMap((reach) =>
        [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => expectedColourAt({ x: x + dx * reach, y: y + dy * reach }, layers, background))),
      );
      if (around.every((colour) => same(colour, here))) points.push({ x, y });
    }
  }
  return points;
}
