import { cell, type BenchParams } from './strategies';

function place(video: HTMLVideoElement, index: number, count: number, visible: boolean): void {
  const { x, y, width, height } = cell(index, count);
  Object.assign(video.style, {
    position: 'absolute',
    left: `${(x / 1280) * 100}%`,
    top: `${(y / 720) * 100}%`,
    width: `${(width / 1280) * 100}%`,
    height: `${(height / 720) * 100}%`,
    display: visible ? 'block' : 'none',
  });
  video.muted = true;
  video.playsInline = true;
  video.dataset.visible = String(visible);
}

/**
 * The seed's "before", for the benchmark only: every track, hidden ones too, fetches its whole
 * file into its own Blob and plays it from an object URL.
 */
export async function mountNaive(stage: HTMLElement, params: BenchParams): Promise<void> {
  await Promise.all(
    params.urls.map(async (url, index) => {
      const blob = await (await fetch(url)).blob();
      const video = document.createElement('video');
      place(video, index, params.tracks, index < params.visible);
      video.preload = 'auto';
      video.src = URL.createObjectURL(blob);
      stage.append(video);
    }),
  );
}

/** The physical floor: bare streamed elements for the visible tracks, no kit code at all. */
export function mountFloor(stage: HTMLElement, params: BenchParams): void {
  params.urls.slice(0, params.visible).forEach((url, index) => {
    const video = document.createElement('video');
    place(video, index, params.tracks, true);
    video.crossOrigin = 'anonymous';
    video.preload = 'metadata';
    video.src = url;
    stage.append(video);
  });
}
