import { describe, expect, it } from 'vitest';
import { outputSteady } from '../src/audio/steadyOutput';

/** A context whose time is `timeAt(wallMs)` (seconds), on a wall clock the test moves by sleeping. */
function fakeOutput(timeAt: (wallMs: number) => number) {
  let wallMs = 0;
  return {
    context: {
      get currentTime() {
        return timeAt(wallMs);
      },
    },
    options: {
      now: () => wallMs,
      sleep: async (ms: number) => {
        wallMs += ms;
      },
    },
    wall: () => wallMs,
  };
}

describe('outputSteady', () => {
  it('says yes within the window where the time moves as the wall does (in steps of a render period)', async () => {
    const output = fakeOutput((wallMs) => Math.floor(wallMs / 10) * 0.01);
    expect(await outputSteady(output.context, output.options)).toBe(true);
    expect(output.wall()).toBeLessThanOrEqual(240);
  });

  it("waits out WebKitGTK's start: slow to ~100 ms, ~700 ms standing still, a leap, then steady", async () => {
    const output = fakeOutput((wallMs) => (wallMs < 300 ? wallMs * 0.33 : wallMs < 1000 ? 100 : wallMs - 100) / 1000);
    expect(await outputSteady(output.context, output.options)).toBe(true);
    // Only once it has run steadily for the window after the leap.
    expect(output.wall()).toBeGreaterThanOrEqual(1200);
    expect(output.wall()).toBeLessThan(1300);
  });

  it('gives up at the cap where the time never moves (a running context with no device)', async () => {
    const output = fakeOutput(() => 0.05);
    expect(await outputSteady(output.context, { ...output.options, capMs: 3000 })).toBe(false);
    expect(output.wall()).toBeGreaterThanOrEqual(3000);
  });

  it('stops waiting when cancelled', async () => {
    const output = fakeOutput(() => 0);
    let polls = 0;
    expect(await outputSteady(output.context, { ...output.options, cancelled: () => ++polls > 3 })).toBe(false);
    expect(output.wall()).toBeLessThan(100);
  });
});
