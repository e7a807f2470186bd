import type { WaveformPeaks } from '../derived';

/** What the peaks worker is asked: one file, read as the page would read it. */
export interface PeaksRequest {
  url: string;
  crossOrigin: 'anonymous' | 'use-credentials' | undefined;
}

/** Why the worker made no peaks, as plain data (errors do not cross to the page as themselves). */
export interface PeaksFailure {
  /** The error's name (`TypeError`, `UnsupportedInputFormatError`), or `NoAudio` / `UnsupportedCodec`. */
  name: string;
  /** Its message; for `UnsupportedCodec`, the codec. */
  message: string;
}

export type PeaksReply =
  | { type: 'progress'; share: number }
  | { type: 'done'; peaks: WaveformPeaks }
  | { type: 'failed'; failure: PeaksFailure };
