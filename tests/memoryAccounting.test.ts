import { describe, expect, it } from 'vitest';
import { defaultDecoderBytes, estimateBytes, formatBytes } from '../src/memory';
import { createDecoderTally } from '../src/render/elements/decoderTally';

describe('the decoder tally', () => {
  it('counts decoders while they hold a source, and each release once', () => {
    const tally = createDecoderTally();
    const first = tally.acquire();
    const second = tally.acquire();
    expect(tally.count()).toBe(2);
    first();
    first();
    expect(tally.count()).toBe(1);
    second();
    expect(tally.count()).toBe(0);
  });
});

describe('the memory estimate', () => {
  it('adds Blobs and a fixed cost a live decoder', () => {
    expect(estimateBytes(0, 0)).toBe(0);
    expect(estimateBytes(3, 1000)).toBe(1000 + 3 * defaultDecoderBytes);
    expect(estimateBytes(2, 0, 16 * 1024 ** 2)).toBe(32 * 1024 ** 2);
  });

  it('prints sizes a person reads at a glance', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(80 * 1024 ** 2)).toBe('80.0 MiB');
    expect(formatBytes(2.2 * 1024 ** 3)).toBe('2.20 GiB');
  });
});
