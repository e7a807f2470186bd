import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWorkerBoard } from '../src/render/canvas/workerBoard';
import { boxPaint } from '../src/render/canvas/drawLayer';

/** The one worker the board starts, driven by the test: it says it is ready when told. */
class FakeWorker {
  static last: FakeWorker | undefined;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  posted: unknown[] = [];
  terminated = false;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  ready() {
    this.onmessage?.({ data: { type: 'ready' } });
  }
}

/** A page canvas whose hand-over throws (one that has a context, or was handed over before). */
function canvasThatStays() {
  const context = { clearRect: vi.fn(), fillRect: vi.fn(), drawImage: vi.fn(), save: vi.fn(), restore: vi.fn(), setTransform: vi.fn(), fillStyle: '' };
  const canvas = {
    width: 0,
    height: 0,
    getContext: () => context,
    transferControlToOffscreen: () => {
      throw new DOMException('Cannot transfer control from a canvas that has a rendering context.', 'InvalidStateError');
    },
  };
  return { canvas: canvas as unknown as HTMLCanvasElement, context };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the composite drawn in a worker', () => {
  it('draws on the page, and says why, when the canvas cannot be handed to the worker', () => {
    vi.stubGlobal('Worker', FakeWorker);
    const { canvas, context } = canvasThatStays();
    const failed = vi.fn();
    const lost = vi.fn();
    const board = createWorkerBoard(canvas, { failed, lost });
    board.paint(64, 36, '#000', [{ paint: boxPaint({ x: 0, y: 0, width: 64, height: 36 }), picture: undefined }]);
    const worker = FakeWorker.last as FakeWorker;
    expect(() => worker.ready()).not.toThrow();
    expect(failed).toHaveBeenCalledTimes(1);
    expect(failed.mock.calls[0][0]).toMatch(/could not be handed to it: .*InvalidStateError|rendering context/);
    expect(lost).not.toHaveBeenCalled();
    expect(worker.terminated).toBe(true);
    // The paint asked for before, and every later one, lands on the page's canvas.
    // Each paint covers the canvas with the background first (then the layer's box).
    expect(context.fillRect).toHaveBeenCalledWith(0, 0, 64, 36);
    const fills = context.fillRect.mock.calls.length;
    board.paint(64, 36, '#000', []);
    expect(context.fillRect.mock.calls.length).toBe(fills + 1);
    expect(worker.posted.filter((message) => (message as { type: string }).type === 'attach')).toEqual([]);
    board.dispose();
  });

  it('lets a worker it sent frames to close them before it ends, and ends one it sent none at once', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const handedOver = { width: 0, height: 0, transferControlToOffscreen: () => ({}) } as unknown as HTMLCanvasElement;
    const busy = createWorkerBoard(handedOver, { failed: vi.fn(), lost: vi.fn() });
    const busyWorker = FakeWorker.last as FakeWorker;
    busyWorker.ready();
    const frame = {} as VideoFrame;
    const staged = busy.stage(1, frame, 64, 36, () => true);
    expect(busyWorker.posted.at(-1)).toMatchObject({ type: 'stage', frame });
    busy.dispose();
    // Ended from the page, the frame in the message it had not read would be lost unclosed.
    expect(busyWorker.terminated).toBe(false);
    expect(busyWorker.posted.at(-1)).toEqual({ type: 'end' });
    await expect(staged).resolves.toBe(false);

    const idle = createWorkerBoard(handedOver, { failed: vi.fn(), lost: vi.fn() });
    const idleWorker = FakeWorker.last as FakeWorker;
    idleWorker.ready();
    const answered = idle.stage(1, frame, 64, 36, () => true);
    const { id } = idleWorker.posted.at(-1) as { id: number };
    idleWorker.onmessage?.({ data: { type: 'staged', id, done: true } });
    await expect(answered).resolves.toBe(true);
    idle.dispose();
    expect(idleWorker.terminated).toBe(true);
    expect(idleWorker.posted.some((message) => (message as { type: string }).type === 'end')).toBe(false);
  });
});
