import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { fetchFromServerPipeline, MediaSourceError, useSourceContext, withHeldSource, type SourceOptions } from '../sources';
import type { MediaReference } from '../state';
import { useAudioEngine } from './audioEngineContext';
import type { ComputePeaks } from './computePeaks';
import { decodePeaks, peaksBytes, type WaveformPeaks } from '../derived';

/** Every query key the kit's waveforms use. A source's peaks are keyed by its URL, as its media is. */
export const peaksKeys = {
  all: ['multitrack-kit', 'peaks'] as const,
  of: (source: MediaReference) => [...peaksKeys.all, source.url] as const,
};

/** How long peaks no clip shows are kept: a track removed and added back, an undo, a project reopened. */
export const keepPeaksMs = 30 * 60 * 1000;

/** Peaks the media server made, or the typed error for bytes that are not peaks. */
async function peaksFromServer(url: string, made: Response): Promise<WaveformPeaks> {
  try {
    return decodePeaks(await made.arrayBuffer());
  } catch (error) {
    throw new MediaSourceError('decode', url, `The media server's waveform of this file could not be read: ${(error as Error).message}`, undefined, { cause: error });
  }
}

/**
 * The query that gets a source's peaks, once, whichever tracks and clips show them: from the
 * media server's derived-media pipeline where the file comes from one that has it (made once for
 * every client, read in one small request), else made in a worker from the file itself, which is
 * resolved as every track's source is and held while it is read. Once the peaks are had the
 * source is free to go (a muted track holds no media, its waveform still shows). When the last
 * clip showing it goes, the work stops.
 */
export function waveformQuery(queryClient: QueryClient, source: MediaReference, options: SourceOptions, computePeaks: ComputePeaks) {
  return queryOptions({
    queryKey: peaksKeys.of(source),
    queryFn: async ({ signal }) => {
      if (options.derivedFromServer) {
        const made = await fetchFromServerPipeline(source.url, { kind: 'peaks' }, signal);
        if (made) return peaksFromServer(source.url, made);
      }
      return withHeldSource(queryClient, source, options, (resolved) => computePeaks(resolved, { signal }));
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: keepPeaksMs,
    refetchOnMount: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    networkMode: 'always',
    retry: (failureCount, error) => error instanceof MediaSourceError && error.transient && failureCount < 2,
  });
}

/** Bytes the kit's waveform peaks hold: what the memory reading counts for them. */
export function readPeaksBytes(queryClient: QueryClient): number {
  let bytes = 0;
  for (const query of queryClient.getQueryCache().findAll({ queryKey: peaksKeys.all })) {
    const peaks = query.state.data as WaveformPeaks | undefined;
    if (peaks) bytes += peaksBytes(peaks);
  }
  return bytes;
}

export interface WaveformState {
  peaks?: WaveformPeaks;
  /** Being made (read and decoded in a worker). */
  computing: boolean;
  /** Why there is none. */
  error?: MediaSourceError;
}

/** A source's waveform peaks, made when first asked for and shared by every clip of that source. */
export function useWaveformPeaks(source: MediaReference): WaveformState {
  const { queryClient, options } = useSourceContext();
  const { computePeaks } = useAudioEngine();
  // Peaks of the original: a proxy has the same sound, or none.
  const original = { url: source.url, mimeType: source.mimeType };
  const { data, isPending, error } = useQuery(waveformQuery(queryClient, original, options, computePeaks), queryClient);
  return {
    peaks: data,
    computing: isPending && !error,
    error: error ? (error instanceof MediaSourceError ? error : new MediaSourceError('decode', source.url, String(error))) : undefined,
  };
}
