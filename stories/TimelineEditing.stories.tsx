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
