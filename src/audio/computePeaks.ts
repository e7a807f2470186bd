import { UnsupportedInputFormatError } from 'mediabunny';
import { askWorker, inBackgroundTurn, workerStillWorking, type MediaSourceError, type ResolvedSource } from '../sources';
import type { PeaksFailure, PeaksReply, PeaksRequest } from './peaksProtocol';
import { noSoundError, soundMediaError, undecodableSoundError } from './soundMedia';
import type { WaveformPeaks } from '../derived';

export interface ComputePeaksOptions {
  /** Aborted when no clip needs the waveform any more: the work stops and the promise rejects. */
  signal: AbortSignal;
  /** How far it is, 0 to 1, now and then. */
  onProgress?: (share: number) => void;
}

/** Makes a source's waveform peaks; rejects with a `MediaSourceError` saying why it cannot. */
export type ComputePeaks = (source: ResolvedSource, options: ComputePeaksOptions) => Promise<WaveformPeaks>;

function peaksError(url: string, { name, message }: PeaksFailure): MediaSourceError {
  if (name === 'NoAudio') return noSoundError(url);
  if (name === 'UnsupportedCodec') return undecodableSoundError(url, message);
  if (name === 'TypeError') return soundMediaError(url, new TypeError(message));
  if (name === 'UnsupportedInputFormatError') return soundMediaError(url, new UnsupportedInputFormatError(message));
  return soundMediaError(url, new Error(message));
}

/**
 * Peaks made in a worker of their own (`peaksWorker.ts`): the file read once by Range and its
 * sound decoded a stretch at a time, so the page holds only the peaks and its thread does none of
 * the work. The worker ends with the answer, or at once when `signal` aborts. It waits for a turn
 * of the kit's background work (`inBackgroundTurn`: two at once).
 */
export const computePeaksInWorker: ComputePeaks = (source, options) => inBackgroundTurn(options.signal, () => peaksFromWorker(source, options));

const peaksFromWorker: ComputePeaks = (source, { signal, onProgress }) =>
  askWorker(() => new Worker(new URL('./peaksWorker.ts', import.meta.url), { type: 'module', name: 'multitrack-kit peaks' }), { url: source.url, crossOrigin: source.crossOrigin } satisfies PeaksRequest, {
    signal,
    url: source.url,
    what: 'The waveform',
    read: (reply: PeaksReply) => {
      if (reply.type === 'progress') {
        onProgress?.(reply.share);
        return workerStillWorking;
      }
      if (reply.type === 'failed') throw peaksError(source.url, reply.failure);
      return reply.peaks;
    },
  });
