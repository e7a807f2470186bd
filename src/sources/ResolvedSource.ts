/** A track's media made playable: what a `<video>` element needs, and what it costs. */
export interface ResolvedSource {
  kind: 'blob';
  /** What the `<video>` element's `src` gets. */
  url: string;
  /** The CORS mode the element must use for this URL. */
  crossOrigin: 'anonymous' | 'use-credentials' | undefined;
  /** Bytes this source keeps in memory (a Blob's size); 0 for a streamed source. */
  bytesHeld: number;
}
