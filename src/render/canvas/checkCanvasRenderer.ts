import { useEffect, useState } from 'react';
import { createLocalBoard, type PictureBoard } from './pictureBoard';
import { boxPaint } from './drawLayer';
import { createWorkerBoard, workerBoardSupported } from './workerBoard';

/** What `checkCanvasRenderer` found by doing what the canvas renderer does. */
export type CanvasRendererCheck =
  | {
      supported: true;
      /** Where the composite is drawn: in a worker that took the canvas, or on the page (no worker would). */
      drawnIn: 'worker' | 'page';
      /** Why not in a worker, where it is drawn on the page. */
      note?: string;
    }
  | { supported: false; reason: string };

/**
 * A 32x32 VP8 keyframe of one colour, rgb(200, 60, 30) (made with ffmpeg's libvpx). VP8: the
 * royalty-free codec every engine's WebCodecs decodes in software (Chromium, Firefox, WebKit);
 * whether a given file's codec decodes is asked when it opens, and said on its track.
 */
const sample = {
  codec: 'vp8',
  width: 32,
  height: 32,
  bytes: '0AIAnQEqIAAgAABHCIWFiIWEiAICAnWqA/gCCCEIPQD++NAL/3+q9/Ve/qv92n/73T/e6f73T/97JAA=',
  rgb: [200, 60, 30],
};

/** How far a decoded and drawn pixel may be from the sample's colour (4:2:0 and lossy coding). */
const tolerance = 40;

const bytesOf = (base64: string) => Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));

/** Decodes the sample: one `VideoFrame` (the caller closes it), or why there is none. */
async function decodeSample(): Promise<VideoFrame> {
  const support = await VideoDecoder.isConfigSupported({ codec: sample.codec, codedWidth: sample.width, codedHeight: sample.height });
  if (!support.supported) throw new Error(`this browser's WebCodecs decodes no ${sample.codec}`);
  return new Promise<VideoFrame>((resolve, reject) => {
    let frame: VideoFrame | undefined;
    const decoder = new VideoDecoder({
      output: (output) => {
        // One frame is kept; any other, or one Firefox gives after `close()`, is closed.
        if (frame || decoder.state === 'closed') output.close();
        else frame = output;
      },
      error: (error) => reject(new Error(`the decoder failed: ${error.message}`)),
    });
    try {
      decoder.configure({ codec: sample.codec, codedWidth: sample.width, codedHeight: sample.height });
      decoder.decode(new EncodedVideoChunk({ type: 'key', timestamp: 0, data: bytesOf(sample.bytes) }));
    } catch (error) {
      decoder.close();
      reject(error);
      return;
    }
    decoder
      .flush()
      .then(() => (frame ? resolve(frame) : reject(new Error('the decoder gave no frame'))), reject)
      .finally(() => {
        if (decoder.state !== 'closed') decoder.close();
      });
  });
}

/** Draws `frame` as the composite's one layer on `board` and says whether it is there, in its colour. */
async function drawsOn(board: PictureBoard, frame: VideoFrame): Promise<string | undefined> {
  const { width, height } = sample;
  if (!(await board.stage(1, frame, width, height, () => true))) return 'the frame could not be read';
  board.paint(width, height, '#000', [{ paint: boxPaint({ x: 0, y: 0, width, height }), picture: 1 }]);
  const pixels = await board.snapshot();
  if (!pixels) return 'nothing was drawn';
  const middle = ((height / 2) * width + width / 2) * 4;
  const drawn = [...pixels.data.slice(middle, middle + 3)];
  if (drawn.some((value, channel) => Math.abs(value - sample.rgb[channel]) > tolerance)) {
    return `the frame was drawn as rgb(${drawn.join(', ')}), not rgb(${sample.rgb.join(', ')})`;
  }
  return undefined;
}

/**
 * Checks, by doing it, whether this browser can run the canvas renderer: a WebCodecs decoder
 * decodes a frame, a worker takes a canvas and draws the frame into it, and the drawing is read
 * back in its colour (where a worker will not, on the page). Takes some tens of milliseconds;
 * call it once, before offering the renderer. `canvasRendererSupported()` only looks for the
 * APIs, and said yes in a browser whose worker then could not draw (Firefox, before the kit
 * drew there). Whatever the check said, a worker that fails later is reported to the host and
 * the composite drawn on the page.
 */
export async function checkCanvasRenderer(): Promise<CanvasRendererCheck> {
  if (typeof VideoDecoder === 'undefined' || typeof VideoFrame === 'undefined' || typeof EncodedVideoChunk === 'undefined') {
    return { supported: false, reason: 'This browser has no WebCodecs video decoder (an old browser, or a page not served over https or from localhost).' };
  }
  let frame: VideoFrame;
  try {
    frame = await decodeSample();
  } catch (error) {
    return { supported: false, reason: `A video frame could not be decoded with WebCodecs: ${error instanceof Error ? error.message : String(error)}.` };
  }
  try {
    let workerNote: string | undefined;
    if (workerBoardSupported()) {
      const failures: string[] = [];
      const board = createWorkerBoard(document.createElement('canvas'), { failed: (reason) => failures.push(reason), lost: (reason) => failures.push(reason) });
      try {
        const problem = await drawsOn(board, frame);
        // A worker that failed leaves the board drawing on the page: that is no worker's drawing.
        if (!problem && failures.length === 0) return { supported: true, drawnIn: 'worker' };
        workerNote = failures[0] ?? problem;
      } finally {
        board.dispose();
      }
    } else {
      workerNote = 'this browser cannot hand a canvas to a worker';
    }
    const canvas = document.createElement('canvas');
    const board = createLocalBoard(() => canvas);
    try {
      const problem = await drawsOn(board, frame);
      if (problem) return { supported: false, reason: `A decoded video frame could not be drawn on a canvas: ${problem}.` };
      return { supported: true, drawnIn: 'page', note: `Drawn on the page's thread: ${workerNote}.` };
    } finally {
      board.dispose();
    }
  } finally {
    frame.close();
  }
}

/** `checkCanvasRenderer()` run once for the component that asks: undefined while it runs. */
export function useCanvasRendererCheck(): CanvasRendererCheck | undefined {
  const [check, setCheck] = useState<CanvasRendererCheck>();
  useEffect(() => {
    let current = true;
    void checkCanvasRenderer().then((found) => current && setCheck(found));
    return () => {
      current = false;
    };
  }, []);
  return check;
}
