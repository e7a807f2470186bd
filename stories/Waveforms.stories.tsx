import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect } from 'react';
import { expect, waitFor } from 'storybook/test';
import { MemoryReadout, registerMediaFile, useAddMedia, type NewTrack } from '../src';
import { fixtureFiles } from '../src/mocks';
import { Editor } from './support/Editor';
import { storyMedia, usesRealMediaServer } from './support/storyMedia';

const meta = {
  title: 'Compositor/Waveforms',
  component: Editor,
  args: { tracks: [] },
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Long enough for an hour of sound to be read and decoded in a worker on a 2-core machine. */
const hourPatience = { timeout: 60_000, interval: 100 };

/**
 * How tall the waveform is drawn in each column of its canvas, as a share of the canvas's height:
 * read from the pixels, as a person sees them.
 */
function drawnHeights(canvas: HTMLCanvasElement): number[] {
  const context = canvas.getContext('2d') as CanvasRenderingContext2D;
  const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
  return Array.from({ length: width }, (_, x) => {
    let drawn = 0;
    for (let y = 0; y < height; y += 1) if (data[(y * width + x) * 4 + 3] > 0) drawn += 1;
    return drawn / height;
  });
}

const hour = storyMedia('waveform-hour', { 'hour.m4a': 'hour-tone.m4a' });

/** The waveform of an hour-long file, made without reading it into memory. */
export const AWaveformOfAnHour: Story = {
  // Muted: a muted track holds no media, and still shows its waveform.
  args: { tracks: [{ id: 'hour', name: 'An hour', kind: 'audio', mix: { muted: true }, source: { url: hour.urlOf('hour.m4a') } }] },
  render: (args) => (
    <Editor tracks={args.tracks}>
      <MemoryReadout intervalMs={250} />
    </Editor>
  ),
  parameters: { msw: { handlers: hour.handlers } },
  beforeEach: () => hour.reset(),
  play: async ({ canvas }) => {
    // The clip says its waveform is being made, then draws it.
    const clip = canvas.getByRole('group', { name: 'Timeline' }).querySelector('[data-clip-of="hour"]') as HTMLElement;
    await waitFor(() => expect(clip).toHaveAttribute('data-waveform', 'drawn'), hourPatience);
    const waveform = canvas.getByRole('img', { name: 'Waveform of An hour' }) as HTMLCanvasElement;
    // The file is a tone for the first 5 minutes of every 10 and silence for the rest: the
    // middle of each half shows it, across the whole hour.
    const heights = drawnHeights(waveform);
    const at = (minute: number) => heights[Math.floor((minute / 60) * heights.length)];
    for (let block = 0; block < 6; block += 1) {
      await expect(at(block * 10 + 2.5), `tone at ${block * 10 + 2.5} min`).toBeGreaterThan(0.4);
      await expect(at(block * 10 + 7.5), `silence at ${block * 10 + 7.5} min`).toBeLessThan(0.15);
    }
    // What the kit keeps is the peaks: a few hundred KB for the hour, in the memory reading.
    await waitFor(() => expect(canvas.getByLabelText('Memory')).toHaveTextContent(/KiB in waveforms/), { timeout: 2000 });
    const kept = /([\d.]+) KiB in waveforms/.exec(canvas.getByLabelText('Memory').textContent ?? '');
    await expect(Number(kept?.[1])).toBeGreaterThan(300);
    await expect(Number(kept?.[1])).toBeLessThan(500);
    // Once the peaks are made, the muted track holds no source.
    await waitFor(() => expect(canvas.getByLabelText('Source usage')).toHaveAttribute('data-sources', '0'), { timeout: 5000 });
    if (usesRealMediaServer) return;
    // The file was read by Range, front to back: every answer a part (206), each read starting
    // further on than the one before, none from the start again. (Bytes count less well here: the
    // service worker takes up to a whole 1 MiB answer before the reader moves on to its next
    // read, 1.9 times the file in all.)
    await expect(hour.requests.length).toBeGreaterThan(1);
    await expect(hour.requests.every((request) => request.status === 206)).toBe(true);
    const starts = hour.requests.map((request) => Number(/bytes=(\d+)-/.exec(request.range ?? '')?.[1]));
    // The first read is the resolver's probe of the first bytes, then the worker's reads.
    const reads = starts.slice(starts.indexOf(0, 1));
    for (let index = 1; index < reads.length; index += 1) await expect(reads[index]).toBeGreaterThan(reads[index - 1]);
  },
};

/** Picks the fixture as a person picks a file from disk, and adds it as an import does. */
function PickedFile({ name, fixture }: { name: string; fixture: keyof typeof fixtureFiles }) {
  const addMedia = useAddMedia();
  useEffect(() => {
    let cancelled = false;
    void fetch(fixtureFiles[fixture].url)
      .then((response) => response.blob())
      .then((blob) => {
        if (cancelled) return;
        const track: NewTrack = { id: 'picked', name, source: registerMediaFile(new File([blob], name, { type: 'audio/mp4' })) };
        void addMedia(track);
      });
    return () => {
      cancelled = true;
    };
  }, [addMedia, name, fixture]);
  return null;
}

/** A file picked from disk gets its waveform, made in a worker. */
export const APickedFileGetsItsWaveform: Story = {
  render: () => (
    <Editor tracks={[]}>
      <PickedFile name="beeps.m4a" fixture="beeps-aac.m4a" />
    </Editor>
  ),
  play: async ({ canvas }) => {
    // A sound file picked from disk is an audio track whose clip draws its beeps: twelve, a
    // second apart, silence between.
    const waveform = (await waitFor(() => canvas.getByRole('img', { name: 'Waveform of beeps.m4a' }), { timeout: 10_000 })) as HTMLCanvasElement;
    const heights = drawnHeights(waveform);
    const columnOf = (seconds: number) => Math.floor((seconds / 12) * heights.length);
    for (let second = 0; second < 12; second += 1) {
      const beep = Math.max(...heights.slice(columnOf(second + 0.5) - 1, columnOf(second + 0.55) + 2));
      await expect(beep, `beep ${second}`).toBeGreaterThan(0.35);
      await expect(heights[columnOf(second + 0.2)], `quiet ${second}`).toBeLessThan(0.15);
    }
  },
};
