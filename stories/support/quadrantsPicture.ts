/**
 * The quadrants still (`still-quadrants.png`, scripts/make-fixtures.sh) as the pixel stories read
 * it: its size, and its colour at a source pixel (four flat quadrants, red, green, blue and white,
 * with a transparent window in the middle).
 */
export const quadrantsPicture = { width: 160, height: 90 };

export function quadrantsAt(x: number, y: number): { rgb: number[]; alpha: number } {
  const [column, row] = [Math.floor(x), Math.floor(y)];
  if (column >= 40 && column < 120 && row >= 22 && row < 68) return { rgb: [0, 0, 0], alpha: 0 };
  if (row < 45) return { rgb: column < 80 ? [255, 0, 0] : [0, 255, 0], alpha: 1 };
  return { rgb: column < 80 ? [0, 0, 255] : [255, 255, 255], alpha: 1 };
}
