import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { Editor } from './support/Editor';
import { expectFrameShown, patience, scrubTo } from './support/playHelpers';
import { storyMedia } from './support/storyMedia';
import type { NewTrack } from '../src';

const meta = {
  title: 'Compositor/Timeline editing',
  component: Editor,
  args: { tracks: [], timeline: { editable: true, waveforms: false } },
  tags: ['both-renderers'],
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

// A frame-coded clip (each frame carries its number): what the layer shows says which part of
// the file plays where, after each edit.
const files = storyMedia('timeline-editing', { 'coded.mp4': 'frame-code-h264.mp4' });
const tracks: NewTrack[] = [{ id: 'coded', name: 'Coded', source: { url: files.urlOf('coded.mp4') }, clips: [{ startMs: 0, inMs: 2000, outMs: 6000 }] }];

/** Where on screen a time of the timeline is, in the lane's pixels. */
function xOf(root: HTMLElement, ms: number): number {
  const lane = (root.querySelector('[data-timeline-lane]') as HTMLElement).getBoundingClientRect();
  const slider = root.querySelector('[role="slider"][aria-label="Playhead"]') as HTMLElement;
  const spanMs = Math.max(Number(slider.getAttribute('aria-valuemax')), 1000);
  return lane.left + (lane.width * ms) / spanMs;
}

/** Drag a clip to move it, trim its start from the keyboard, split it at the playhead, delete a part: the frames shown follow each edit. */
export const DragAClipToMoveItThenTrimAndSplit: Story = {
  args: { tracks },
  parameters: { msw: { handlers: files.handlers } },
  beforeEach: () => files.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expectFrameShown(canvasElement, 'coded', 60);
    // Dragged 1 s later along its track: at 1.5 s it shows its source's 2.5 s.
    const clip = canvas.getByRole('button', { name: /^Coded clip 1/ });
    const box = clip.getBoundingClientRect();
    const y = box.top + box.height / 2;
    const grab = box.left + box.width / 2;
    await userEvent.pointer([
      { keys: '[MouseLeft>]', target: clip, coords: { clientX: grab, clientY: y } },
      { coords: { clientX: grab + (xOf(canvasElement, 500) - xOf(canvasElement, 0)), clientY: y } },
      { coords: { clientX: grab + (xOf(canvasElement, 1000) - xOf(canvasElement, 0)), clientY: y } },
      { keys: '[/MouseLeft]' },
    ]);
    await waitFor(() => expect(canvas.getByRole('button', { name: /^Coded clip 1/ })).toHaveAccessibleName(/^Coded clip 1, 0:01\.0 to 0:05\.0/), patience);
    await scrubTo(canvasElement, 1500);
    await expectFrameShown(canvasElement, 'coded', 75);
    // Its start trimmed a second in from the keyboard (30 frame steps): from 2 s, it shows 3.5 s of its source at 2.5 s.
    const start = canvas.getByRole('slider', { name: 'Start of Coded clip 1' });
    start.focus();
    for (let step = 0; step < 30; step += 1) await userEvent.keyboard('{ArrowRight}');
    await expect(start).toHaveAttribute('aria-valuenow', '2000');
    // The rest of the clip stayed where it was.
    await scrubTo(canvasElement, 2500);
    await expectFrameShown(canvasElement, 'coded', 105);
    // Split at the playhead: two clips, the picture the same.
    await userEvent.click(canvas.getByRole('button', { name: 'Split' }));
    await expect(canvas.getAllByRole('button', { name: /^Coded clip \d/ })).toHaveLength(2);
    await expect(canvas.getByRole('button', { name: /^Coded clip 2/ })).toHaveAccessibleName(/0:02\.5 to 0:05\.0/);
    await expectFrameShown(canvasElement, 'coded', 105);
    // The first part removed: nothing plays before 2.5 s any more.
    canvas.getByRole('button', { name: /^Coded clip 1/ }).focus();
    await userEvent.keyboard('{Delete}');
    await expect(canvas.getAllByRole('button', { name: /^Coded clip \d/ })).toHaveLength(1);
    await expect(canvas.getByRole('button', { name: /^Coded clip 1/ })).toHaveAccessibleName(/0:02\.5 to 0:05\.0/);
  },
};

// A minute of clips on two hidden tracks: the timeline's zoom needs no media.
const minute: NewTrack[] = [
  { id: 'a', name: 'A', source: { url: '/media/zoom/a.mp4' }, clips: [{ startMs: 0, inMs: 0, outMs: 30_000 }], visible: false },
  { id: 'b', name: 'B', source: { url: '/media/zoom/b.mp4' }, clips: [{ startMs: 20_000, inMs: 0, outMs: 40_000 }], visible: false },
];

const laneOf = (root: HTMLElement) => (root.querySelector('[data-timeline-lane]') as HTMLElement).getBoundingClientRect();
/** Where `ms` of the 60 s timeline is on screen. */
const minuteX = (root: HTMLElement, ms: number) => laneOf(root).left + (laneOf(root).width * ms) / 60_000;

/** Ctrl + wheel zooms the timeline around the pointer; the ruler counts in timecode at any zoom. */
export const ZoomAroundThePointer: Story = {
  args: { tracks: minute },
  play: async ({ canvas, canvasElement, userEvent }) => {
    const zoom = canvas.getByRole('slider', { name: 'Zoom' });
    await expect(zoom).toHaveAttribute('aria-valuetext', '1.0x');
    // Ctrl + wheel (a trackpad's pinch sends the same) over 20 s: the timeline grows around it.
    const view = canvasElement.querySelector('.mtk-timeline-view') as HTMLElement;
    // A wheel event's x is whole px: the pointer at the px nearest 20 s, and the time under it then.
    const pointerX = Math.round(minuteX(canvasElement, 20_000));
    const underPointer = () => ((pointerX - laneOf(canvasElement).left) / laneOf(canvasElement).width) * 60_000;
    const pointerMs = underPointer();
    for (let turn = 0; turn < 5; turn += 1) {
      view.dispatchEvent(new WheelEvent('wheel', { deltaY: -200, ctrlKey: true, clientX: pointerX, clientY: view.getBoundingClientRect().top + 30, bubbles: true, cancelable: true }));
    }
    await waitFor(() => expect(Number.parseFloat(zoom.getAttribute('aria-valuetext') ?? '')).toBeGreaterThan(4), patience);
    await expect(laneOf(canvasElement).width).toBeGreaterThan(4 * view.clientWidth * 0.8);
    // The time under the pointer is still under it (to a px: scrolling is by whole px).
    await expect(Math.abs(minuteX(canvasElement, pointerMs) - pointerX)).toBeLessThan(1);
    await expect(Math.abs(underPointer() - 20_000)).toBeLessThan(100);
    // The ruler counts in m:ss at that zoom, and draws only its marks in view.
    const labels = [...canvasElement.querySelectorAll('.mtk-ruler-mark')].map((mark) => mark.textContent);
    await expect(labels).toContain('0:20');
    await expect(labels).not.toContain('0:55');
    // Clips keep their times: B starts at 20 s, at the zoomed lane's 20 s.
    const clipB = canvas.getByRole('button', { name: /^B clip 1/ }).getBoundingClientRect();
    await expect(Math.abs(clipB.left - minuteX(canvasElement, 20_000))).toBeLessThan(1);
    // In to its closest: frames a dozen px wide, the ruler in timecode.
    for (let press = 0; press < 12; press += 1) {
      const zoomIn = canvas.getByRole('button', { name: 'Zoom in' });
      if ((zoomIn as HTMLButtonElement).disabled) break;
      await userEvent.click(zoomIn);
    }
    await waitFor(() => expect(laneOf(canvasElement).width / (60_000 / (1000 / 30))).toBeGreaterThan(11), patience);
    await waitFor(() => expect(canvasElement.querySelector('.mtk-ruler-mark')?.textContent).toMatch(/^\d\d:\d\d:\d\d:\d\d$/), patience);
    // Zoomed out all the way, the whole minute shows again.
    for (let press = 0; press < 12; press += 1) {
      const out = canvas.getByRole('button', { name: 'Zoom out' });
      if ((out as HTMLButtonElement).disabled) break;
      await userEvent.click(out);
    }
    await expect(zoom).toHaveAttribute('aria-valuetext', '1.0x');
    await expect(Math.abs(laneOf(canvasElement).width - (view.clientWidth - (laneOf(canvasElement).left - view.getBoundingClientRect().left)))).toBeLessThan(2);
  },
};
