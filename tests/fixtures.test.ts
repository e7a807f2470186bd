import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

it('the streaming stories know the size of the streaming fixture', () => {
  const story = readFileSync(new URL('../stories/Streaming.stories.tsx', import.meta.url), 'utf8');
  const size = readFileSync(new URL('../public/fixtures/stream-h264.mp4', import.meta.url)).byteLength;
  expect(story).toContain(`const streamFileSize = ${size.toLocaleString('en-US').replace(/,/g, '_')};`);
});
