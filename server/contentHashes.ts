import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** How many files' hashes are remembered; the oldest asked-for is forgotten first. */
const rememberedFiles = 4096;

function hashFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

/**
 * The content hash of a file, read once per (path, inode, size, mtime): requests for the same file
 * while it is being hashed share the one read, and later ones get the remembered hash. A changed
 * file (new size or mtime) is hashed again.
 */
export function createContentHashes(): { of(file: string): Promise<string> } {
  const hashes = new Map<string, Promise<string>>();
  return {
    async of(file) {
      const info = await stat(file);
      const identity = `${file}\0${info.ino}\0${info.size}\0${info.mtimeMs}`;
      let hash = hashes.get(identity);
      if (hash) {
        // Most recently asked for last, so the map's first key is the one to forget.
        hashes.delete(identity);
      } else {
        hash = hashFile(file);
        // A failed read is not remembered: the next request reads again.
        hash.catch(() => hashes.get(identity) === hash && hashes.delete(identity));
      }
      hashes.set(identity, hash);
      if (hashes.size > rememberedFiles) hashes.delete(hashes.keys().next().value as string);
      return hash;
    },
  };
}
