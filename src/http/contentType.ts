import { peaksContentType } from './derivedProtocol';

const mediaTypes: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  ogv: 'video/ogg',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  wav: 'audio/wav',
  aac: 'audio/aac',
  flac: 'audio/flac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  // Derived media in the server's cache.
  jpg: 'image/jpeg',
  peaks: peaksContentType,
};

/** The Content-Type a media server sends for a file name, by its extension. */
export function contentTypeFor(fileName: string): string {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  return mediaTypes[extension] ?? 'application/octet-stream';
}
