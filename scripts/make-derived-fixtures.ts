// Makes the derived-media fixtures the mock media server serves (`src/mocks/fixtures.ts`) with
// the real pipeline, so the mock answers with what the server makes: `npm run fixtures:derived`
// after the media fixtures or the pipeline change. tests/derivedConformance.test.ts checks they
// still match.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMediaServer } from '../server';
import type { DerivedStatus } from '../src/http';
import { derivedFixtureItems } from '../src/mocks/fixtures';

const root = path.resolve('public/fixtures');
const cache = await mkdtemp(path.join(tmpdir(), 'multitrack-derived-fixtures-'));
const server = await startMediaServer({ root, port: 0, derived: { cacheDir: cache } });
try {
  for (const [item, fixture] of Object.entries(derivedFixtureItems)) {
    await fetch(`${server.url}/.derived/${item}`, { method: 'POST' });
    let status: DerivedStatus;
    do {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await (await fetch(`${server.url}/.derived-status/${item}`)).json()) as DerivedStatus;
    } while (status.state === 'generating');
    if (status.state !== 'ready') throw new Error(`${item}: ${JSON.stringify(status)}`);
    const bytes = Buffer.from(await (await fetch(`${server.url}/.derived/${item}`)).arrayBuffer());
    await writeFile(path.join(root, fixture.name), bytes);
    console.log(`${fixture.name}: ${bytes.byteLength} bytes, ${JSON.stringify(status)}`);
  }
} finally {
  await server.close();
  await rm(cache, { recursive: true, force: true });
}
