import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { contentTypeFor, fileEtag, type FileFacts } from '../src/http';

/** What the planner needs of an opened file, and its mtime to tell later whether it changed. */
export async function factsOf(file: FileHandle, name: string): Promise<FileFacts & { mtimeMs: number }> {
  const info = await file.stat();
  return {
    size: info.size,
    mtimeMs: info.mtimeMs,
    etag: fileEtag(info.size, info.mtimeMs / 1000),
    lastModified: new Date(Math.floor(info.mtimeMs / 1000) * 1000),
    contentType: contentTypeFor(path.basename(name)),
  };
}
