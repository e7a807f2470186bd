import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { readFile, rename, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';

// A partial file names the machine and process writing it, so a server starting later can tell an
// abandoned one (its writer crashed) from one another server or worker sharing the cache is still
// writing, on this machine or another (whose processes it cannot see: those it leaves alone).
const partialPattern = /\.partial-(.+)-(\d+)-[0-9a-f]+$/;
const thisHost = hostname().replace(/[^\w.]/g, '_');
/** A finished entry: its key is its file name (content hash, kind, profile and extension). */
const finishedPattern = /^([0-9a-f]{16,}-[\w.-]+\.(?:mp4|peaks|jpg))$/;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface Entry {
  bytes: number;
  lastUsedMs: number;
  /** Responses streaming it now: an entry being served is never evicted. */
  pins: number;
}

export interface FinishedItem {
  file: string;
  bytes: number;
}

export interface DerivedCache {
  /** Where a run writes before it is finished; named so a later server can tell it was abandoned. */
  partialFile(key: string): string;
  finished(key: string): Promise<FinishedItem | undefined>;
  /** A finished entry, pinned against eviction until `release`; marks it used. */
  use(key: string): Promise<(FinishedItem & { release(): void }) | undefined>;
  /** Moves a finished run into the cache under `key`, then evicts to the size limit. */
  admit(key: string, partial: string): Promise<void>;
  /** What the cache holds now, in bytes (entries this server knows of). */
  bytes(): number;
  /**
   * The directory's identity: a random id kept in it. A server writes one if there is none; a
   * worker only reads it, so a worker whose `--cache` is not the servers' finds none, or another.
   */
  identity(options: { create: boolean }): Promise<string | undefined>;
}

/** The file in a cache directory that names it (a dot file: never an entry, never evicted). */
const identityFile = '.multitrack-cache-identity';

/**
 * The derived-media cache directory (proxies, peaks, filmstrip sheets): finished items named by
 * key, with a size limit kept by evicting the least recently used (served or made) entries. An
 * entry being served is never evicted, nor the one just made: the cache can exceed its limit by
 * that one item. When the cache is first
 * used, partial files of crashed runs are removed and the entries already there are indexed,
 * their modification time standing for their last use (a use touches it).
 */
export function createDerivedCache(dir: string, maxBytes = Number.POSITIVE_INFINITY): DerivedCache {
  const entries = new Map<string, Entry>();
  let ready = false;

  function prepare(): void {
    if (ready) return;
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(dir)) {
      const partial = partialPattern.exec(name);
      if (partial) {
        const [, host, writer] = partial;
        if (host === thisHost && Number(writer) !== process.pid && !isAlive(Number(writer))) unlinkSync(path.join(dir, name));
        continue;
      }
      const key = finishedPattern.exec(name)?.[1];
      if (!key) continue;
      const info = statSync(path.join(dir, name));
      entries.set(key, { bytes: info.size, lastUsedMs: info.mtimeMs, pins: 0 });
    }
    ready = true;
  }

  const fileOf = (key: string) => path.join(dir, key);

  async function finished(key: string): Promise<FinishedItem | undefined> {
    prepare();
    const file = fileOf(key);
    try {
      const bytes = (await stat(file)).size;
      // One made by another server sharing the directory joins this one's index.
      if (!entries.has(key)) entries.set(key, { bytes, lastUsedMs: Date.now(), pins: 0 });
      return { file, bytes };
    } catch {
      entries.delete(key);
      return undefined;
    }
  }

  const total = () => [...entries.values()].reduce((sum, entry) => sum + entry.bytes, 0);

  async function evict(keep: string): Promise<void> {
    while (total() > maxBytes) {
      const victim = [...entries]
        .filter(([key, entry]) => key !== keep && entry.pins === 0)
        .sort(([, a], [, b]) => a.lastUsedMs - b.lastUsedMs)[0];
      if (!victim) return;
      entries.delete(victim[0]);
      await unlink(fileOf(victim[0])).catch(() => undefined);
    }
  }

  return {
    partialFile: (key) => `${fileOf(key)}.partial-${thisHost}-${process.pid}-${randomUUID().slice(0, 8)}`,
    finished,
    async use(key) {
      const found = await finished(key);
      const entry = entries.get(key);
      if (!found || !entry) return undefined;
      entry.pins += 1;
      entry.lastUsedMs = Date.now();
      const now = new Date(entry.lastUsedMs);
      void utimes(found.file, now, now).catch(() => undefined);
      let released = false;
      return {
        ...found,
        release() {
          if (released) return;
          released = true;
          entry.pins -= 1;
        },
      };
    },
    async admit(key, partial) {
      prepare();
      await rename(partial, fileOf(key));
      const bytes = (await stat(fileOf(key))).size;
      entries.set(key, { bytes, lastUsedMs: Date.now(), pins: 0 });
      await evict(key);
    },
    bytes: () => {
      prepare();
      return total();
    },
    async identity({ create }) {
      const file = path.join(dir, identityFile);
      const known = await readFile(file, 'utf8').catch(() => undefined);
      if (known || !create) return known?.trim();
      prepare();
      // Written whole or not at all ('wx': a server starting at the same moment keeps its own).
      await writeFile(file, randomUUID(), { flag: 'wx' }).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error;
      });
      return (await readFile(file, 'utf8')).trim();
    },
  };
}
