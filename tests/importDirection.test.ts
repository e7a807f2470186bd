import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Which rooms of the kit each room may import, so each can be read and changed alone: state is
 * data and rules; sources and playback build on it; renderers on those; components on all of
 * them; filmstrips build on sources; the mocks and the server share only the HTTP decisions and
 * derived media's formats and geometry. Nothing imports components.
 */
const allowed: Record<string, string[]> = {
  state: [],
  http: [],
  derived: ['http'],
  sources: ['state', 'http'],
  playback: ['state'],
  render: ['state', 'sources', 'playback'],
  audio: ['state', 'sources', 'playback', 'derived'],
  filmstrip: ['state', 'sources', 'http', 'derived'],
  memory: ['state', 'sources', 'render', 'audio', 'derived', 'filmstrip'],
  components: ['state', 'sources', 'playback', 'render', 'memory', 'audio', 'derived', 'filmstrip'],
  mocks: ['http', 'derived'],
  server: ['http', 'derived'],
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** The room a file is in: `src/<room>/...`, or `server` for the media server. */
function roomOf(file: string): string | undefined {
  const relative = path.relative(process.cwd(), file).split(path.sep);
  if (relative[0] === 'server') return 'server';
  // A file in a room, or a room's folder itself (`import ... from '../state'`).
  if (relative[0] === 'src' && (relative.length > 2 || (relative.length === 2 && !relative[1].includes('.')))) return relative[1];
  return undefined;
}

function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'/g)].map((match) => path.resolve(path.dirname(file), match[1]));
}

describe('imports between the rooms of the kit', () => {
  const files = [...filesUnder('src'), ...filesUnder('server')];

  it.each(Object.keys(allowed))('%s imports only the rooms below it', (room) => {
    const crossings = files
      .filter((file) => roomOf(file) === room)
      .flatMap((file) =>
        importsOf(file)
          .map((target) => roomOf(target) ?? path.relative(process.cwd(), target))
          .filter((target) => target !== room && !allowed[room].includes(target))
          .map((target) => `${path.relative(process.cwd(), file)} -> ${target}`),
      );
    expect(crossings).toEqual([]);
  });

  it('keeps the mocks out of the main entry', () => {
    const entry = importsOf('src/index.ts').map(roomOf);
    expect(entry).not.toContain('mocks');
    expect(entry).toContain('components');
  });
});
