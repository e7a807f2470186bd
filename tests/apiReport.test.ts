import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apiReport, entries, reportPath } from '../scripts/api-report';

// Each report runs the TypeScript compiler over an entry: seconds of CPU, more than the default
// 5 s on a busy machine.
describe('the public API of each package entry', { timeout: 60_000 }, () => {
  it.each(Object.entries(entries))('%s is what api/ says it is (run `npm run api:update` after changing it on purpose)', (name, entry) => {
    expect(apiReport(entry)).toBe(readFileSync(reportPath(name), 'utf8'));
  });

  it('keeps internals out of the main entry', () => {
    const names = apiReport(entries.main).split('\n').map((line) => line.split(' ')[1]);
    for (const internal of ['startSourceLoader', 'isAbort', 'seekElement', 'startPlaybackClock', 'playheadAdvanced', 'tracksSlice', 'SourceContext']) {
      expect(names).not.toContain(internal);
    }
  });
});
