/**
 * How light and how varied a patch of RGBA pixels is: a picture is neither black (mean) nor flat
 * (variance). Self-contained, so a test can also hand it to a page as source text.
 */
export function lightOf(data: Uint8ClampedArray): { mean: number; variance: number; sum: number } {
  let sum = 0;
  let sumOfSquares = 0;
  for (let index = 0; index < data.length; index += 4) {
    const light = (data[index] + data[index + 1] + data[index + 2]) / 3;
    sum += light;
    sumOfSquares += light * light;
  }
  const count = data.length / 4;
  return { mean: sum / count, variance: sumOfSquares / count - (sum / count) ** 2, sum };
}
