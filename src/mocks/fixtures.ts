import type { MockMediaFile } from './createMediaHandlers';

/**
 * The committed fixture clips (made by scripts/make-fixtures.sh), as Storybook's static
 * directory serves them. The clips are 4 s, 320x180, 30 fps, with the frame number burned in.
 */
export const fixtureFiles = {
  'clip-h264.mp4': { url: '/fixtures/clip-h264.mp4' },
  'clip-h264-b.mp4': { url: '/fixtures/clip-h264-b.mp4' },
  'clip-vp9.webm': { url: '/fixtures/clip-vp9.webm' },
  /** 60 s, 640x360, a keyframe every second: for streaming, where fetching less than the file shows. */
  'stream-h264.mp4': { url: '/fixtures/stream-h264.mp4' },
  /** 12 s, 320x180, keyframe every second: for playback sync, ten at once. */
  'sync-h264.mp4': { url: '/fixtures/sync-h264.mp4' },
  /** The preview proxy of `sync-h264.mp4`: the same frames at 160x90, a keyframe every 15 frames. */
  'sync-h264-proxy.mp4': { url: '/fixtures/sync-h264-proxy.mp4' },
  /**
   * Sound: 12 s, 48 kHz stereo, a 1 kHz beep of 50 ms at 0.5 s and every second after, silence
   * between, in AAC (MP4), Opus (WebM), MP3 and 16 kHz mono WAV.
   */
  'beeps-aac.m4a': { url: '/fixtures/beeps-aac.m4a' },
  'beeps-opus.webm': { url: '/fixtures/beeps-opus.webm' },
  'beeps.mp3': { url: '/fixtures/beeps.mp3' },
  'beeps-mono.wav': { url: '/fixtures/beeps-mono.wav' },
  /** 4 s of the beeps in AC-3, which browsers do not decode: for the error a track shows. */
  'beeps-ac3.mp4': { url: '/fixtures/beeps-ac3.mp4' },
  /** 12 s of a steady 440 Hz tone at half scale (AAC): where a click would show. */
  'tone-aac.m4a': { url: '/fixtures/tone-aac.m4a' },
  /** 12 s, 320x180 with sound: a white frame (15, 45, ...) at each beep of the beeps files. */
  'flash-beeps.mp4': { url: '/fixtures/flash-beeps.mp4' },
  /** 60 min, 8 kHz mono AAC: a 0.5 tone of 440 Hz for the first 5 minutes of every 10, silence between. */
  'hour-tone.m4a': { url: '/fixtures/hour-tone.m4a' },
  /**
   * 10 s, 320x180, 30 fps, a keyframe every second, H.264 and VP9: the top fifth carries the frame
   * number in 12 bits (cell k a twelfth of the width from the left, white when bit k is set), so a
   * test reads from pixels which frame is on screen (`readFrameCode`). `sync-h264.mp4`, its proxy
   * and `stream-h264.mp4` carry the same code.
   */
  'frame-code-h264.mp4': { url: '/fixtures/frame-code-h264.mp4' },
  'frame-code-vp9.webm': { url: '/fixtures/frame-code-vp9.webm' },
  /** 4 s at 23.976 fps (frame n starts at n x 1001/24000 s), 320x180, frame-coded as above. */
  'frame-code-h264-23976.mp4': { url: '/fixtures/frame-code-h264-23976.mp4' },
  /**
   * 160x90 PNG of four flat quadrants (red top left, green top right, blue bottom left, white
   * bottom right) with a transparent window in its middle (x 40 to 119, y 22 to 67).
   */
  'still-quadrants.png': { url: '/fixtures/still-quadrants.png' },
} satisfies Record<string, MockMediaFile>;

export type FixtureName = keyof typeof fixtureFiles;

/** Length of every fixture clip, in ms. */
export const fixtureDurationMs = 4000;

/**
 * Derived media of the fixtures, as the media server's pipeline made them (scripts/make-derived-fixtures.ts):
 * the mock serves them as its `derived` items, so stories show filmstrips and waveforms without ffmpeg.
 */
export const derivedFixtureItems = {
  'peaks/tone-aac.m4a': { name: 'tone-aac.m4a.peaks' },
  'peaks/beeps-aac.m4a': { name: 'beeps-aac.m4a.peaks' },
  'filmstrip/stream-h264.mp4?height=48&step=1000&sheet=0': { name: 'stream-h264.mp4.filmstrip-h48-s1000-0.jpg', tile: { width: 86, height: 48, columns: 10, rows: 10 } },
  // What the filmstrip stories ask for: the whole minute at 96 px, and zoomed in to 250 ms a thumbnail.
  'filmstrip/stream-h264.mp4?height=96&step=10000&sheet=0': { name: 'stream-h264.mp4.filmstrip-h96-s10000-0.jpg', tile: { width: 170, height: 96, columns: 10, rows: 10 } },
  'filmstrip/stream-h264.mp4?height=96&step=250&sheet=0': { name: 'stream-h264.mp4.filmstrip-h96-s250-0.jpg', tile: { width: 170, height: 96, columns: 10, rows: 10 } },
  'filmstrip/stream-h264.mp4?height=96&step=250&sheet=2': { name: 'stream-h264.mp4.filmstrip-h96-s250-2.jpg', tile: { width: 170, height: 96, columns: 10, rows: 10 } },
} as const;

