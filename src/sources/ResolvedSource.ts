export type SourceKind = 'range' | 'blob' | 'file' | 'host';

/** A track's media made playable: what every renderer needs to read it, and what it costs. */
export interface ResolvedSource {
  /** How it is had: streamed by Range (`range`, `host`), or whole in memory or on disk (`blob`, `file`). */
  kind: SourceKind;
  /** Where a renderer reads the media: an http(s), host-protocol or object URL. */
  url: string;
  /** The CORS mode any reader of this URL must use (a cross-origin server must answer CORS); `undefined` for object URLs. */
  crossOrigin: 'anonymous' | 'use-credentials' | undefined;
  /** Bytes this source keeps in memory (a Blob's size); 0 for streamed or disk-backed media. */
  bytesHeld: number;
  /**
   * Gives back what resolving acquired (an object URL is revoked). Called once, by
   * `watchSourceReleases`, when no track or renderer uses the source any more.
   */
  release(): void;
  /** Why the source is not what was asked for (a fallback), in words for a person. */
  note?: string;
}

/** Whether a source is streamed by Range from a server or host protocol, rather than held whole. */
export const isStreamedSource = (source: Pick<ResolvedSource, 'kind'>) => source.kind === 'range' || source.kind === 'host';
