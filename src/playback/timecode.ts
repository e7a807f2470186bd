/** `HH:MM:SS:FF` for a time in ms at `frameRate`, the way editors show time. */
export function formatTimecode(ms: number, frameRate: number): string {
  const fps = Math.max(1, Math.round(frameRate));
  const totalFrames = Math.floor((Math.max(0, ms) * frameRate) / 1000 + 1e-6);
  const frames = totalFrames % fps;
  const totalSeconds = Math.floor(totalFrames / fps);
  const pad = (value: number) => String(value).padStart(2, '0');
  return [Math.floor(totalSeconds / 3600), Math.floor(totalSeconds / 60) % 60, totalSeconds % 60, frames]
    .map(pad)
    .join(':');
}
