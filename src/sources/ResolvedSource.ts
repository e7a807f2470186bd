export type SourceKind = 'range' | 'blob' | 'file' | 'host';

/** A track's media made playable: what a `<video>` element needs, and what it costs. */
export interface ResolvedSource {
  kind: SourceKind;
  /** What the `<video>` element's `src` gets. */
  url: string;
  /** The CORS mode the element must use for this URL (a cross-origin server must answer CORS). */
  crossOrigin: 'anonymous' | 'use-credentials' | undefined;
  /** How much the element should fetch ahead: streamed media only its metadata until it plays. */
  preload: 'metadata' | 'auto';
  /** Bytes this source keeps in memory (a Blob's size); 0 for streamed or disk-backed media. */
  bytesHeld: number;
  /**
   * Gives back what resolving acquired (an object URL is revoked). Called once, by
   * `watchSourceReleases`, when no track or element uses the source any more.
   */
  release(): void;
  /** Why the source is not what was asked for (a fallback), in words for a person. */
  note?: string;
}
