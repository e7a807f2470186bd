/** How the kit acquires and keeps media. Every field has a default; a host overrides any of them. */
export interface SourceOptions {
  /** Loads running at once; more wait as Queued. Browsers open about 6 connections per host. */
  concurrency: number;
  /** Retries of a transient fault (5xx, dropped connection); a 4xx is never retried. */
  maxRetries: number;
  /**
   * How long a source nobody uses is kept before it is released, in ms. 0 gives memory back at
   * once; a longer time makes showing a track again instant at the cost of holding its media.
   */
  releaseAfterMs: number;
}

export const defaultSourceOptions: SourceOptions = {
  concurrency: 6,
  maxRetries: 2,
  releaseAfterMs: 0,
};

export function withSourceDefaults(options: Partial<SourceOptions> = {}): SourceOptions {
  return { ...defaultSourceOptions, ...options };
}
