import { describe, expect, it } from 'vitest';
import { rulerStepMs, rulerTicks } from '../src/components/timelineRuler';

describe("the timeline's ruler", () => {
  it('spaces its marks so a label fits between them at any zoom: frames close up, minutes far out', () => {
    // 72 px or more a step.
    expect(rulerStepMs(1000 / 30 / 24, 30)).toBeCloseTo((1000 / 30) * 5, 6);
    expect(rulerStepMs(5, 30)).toBeCloseTo(500, 6);
    expect(rulerStepMs(10, 30)).toBe(1000);
    expect(rulerStepMs(100, 30)).toBe(10_000);
    expect(rulerStepMs(3_600_000 / 1000, 30)).toBe(300_000);
  });

  it('reads an hour in h:mm:ss, never in seconds', () => {
    const ticks = rulerTicks(0, 3_600_000, 3_600_000 / 576, 30);
    expect(ticks.at(-1)).toEqual({ ms: 3_600_000, label: '1:00:00' });
    expect(ticks[1].label).toBe('10:00');
  });

  it('labels frame steps with the whole timecode, on whole frames, only over the part asked for', () => {
    const frameMs = 1000 / 30;
    // A frame 40 px wide: marks every 2 frames.
    const ticks = rulerTicks(61_000, 61_200, frameMs / 40, 30);
    expect(ticks.map(({ label }) => label)).toEqual(['00:01:01:00', '00:01:01:02', '00:01:01:04', '00:01:01:06']);
    expect(ticks[0].ms).toBe(61_000);
  });
});
