import type { ChildProcess } from 'node:child_process';
import { open, writeFile, type FileHandle } from 'node:fs/promises';
import { createPeaksAccumulator, encodePeaks, finestBucketMs, type PeaksAccumulator } from '../src/derived';
import { filmstripGrid, peaksContentType, type DerivedParams, type DerivedStatus } from '../src/http';
import { DerivedError } from './derivedErrors';
import { commandNotFound, spawnJailedFfmpeg } from './jailedFfmpeg';

/** What every kind is made with: the server's settings. */
export interface KindSettings {
  ffmpegPath: string;
  /** Proxies: the tallest picture, and frames from one keyframe to the next. */
  maxHeight: number;
  keyframeInterval: number;
  log?: (line: string) => void;
}

/** An item being made: where it is written, how far it is, and the ffmpeg making it. */
export interface MakeJob {
  partial: string;
  progress: number;
  child?: ChildProcess;
}

/** How one kind of derived item is named in the cache, made and described. */
export interface DerivedKindSpec {
  contentType: string;
  /** The cache name after the original's hash: the kind, its settings and parameters, and an extension. */
  nameOf(params: DerivedParams, settings: KindSettings): string;
  /** Writes the item to `job.partial` from the opened original; throws a `DerivedError`. */
  make(input: FileHandle, params: DerivedParams, job: MakeJob, settings: KindSettings): Promise<void>;
  /** What the status of a finished item says beyond its size. */
  facts?(file: string, settings: KindSettings): Promise<Partial<Extract<DerivedStatus, { state: 'ready' }>>>;
}

function parseDurationSeconds(stderr: string): number | undefined {
  const match = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(stderr);
  return match ? Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]) : undefined;
}

const ffmpegMissing = () =>
  new DerivedError('ffmpeg-missing', 'ffmpeg is not installed, so nothing can be made from media. Install it (apt-get install -y ffmpeg) or give its path with --ffmpeg.');

interface FfmpegRun {
  outputArgs: string[];
  inputArgs?: string[];
  /** Seconds of output the run makes, for its progress; the input's duration when not given. */
  spanSeconds?: number;
  /** What the item is, in the failure's words ("a proxy"). */
  what: string;
  /** The stream it needs: a file without one fails as `no-video` / `no-audio`. */
  needs: 'video' | 'audio';
  /** Told the input's duration once ffmpeg has said it, before any output. */
  onDuration?(seconds: number): void;
  /** Told what ffmpeg has said so far (its last 16 KB) each time it says more. */
  onStderr?(soFar: string): void;
  onStdout?(chunk: Buffer): void;
}

/** Runs the jailed ffmpeg for one item: progress from its `-progress` output, failures in words. */
function runFfmpeg(input: FileHandle, job: MakeJob, settings: KindSettings, run: FfmpegRun): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const progressOnStdout = run.onStdout === undefined;
    const child = spawnJailedFfmpeg(
      settings.ffmpegPath,
      input,
      [...run.outputArgs.slice(0, -1), ...(progressOnStdout ? ['-progress', 'pipe:1', '-nostats'] : ['-nostats']), ...run.outputArgs.slice(-1)],
      run.inputArgs,
    );
    job.child = child;
    let stderr = '';
    let durationSeconds: number | undefined;
    child.stderr?.on('data', (chunk: Buffer) => {
      // Only the head (the input's duration) and the tail (the reason for a failure) matter.
      stderr = (stderr + chunk.toString()).slice(-16_384);
      run.onStderr?.(stderr);
      if (durationSeconds === undefined) {
        durationSeconds = parseDurationSeconds(stderr);
        if (durationSeconds !== undefined) run.onDuration?.(durationSeconds);
      }
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      if (!progressOnStdout) {
        run.onStdout?.(chunk);
        return;
      }
      const done = /out_time_us=(\d+)/g;
      let match: RegExpExecArray | null;
      let latest: number | undefined;
      while ((match = done.exec(chunk.toString()))) latest = Number(match[1]);
      const span = run.spanSeconds ?? durationSeconds;
      if (latest !== undefined && span) job.progress = Math.min(0.99, latest / 1e6 / span);
    });
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? ffmpegMissing() : new DerivedError('ffmpeg-failed', `ffmpeg could not be started (${error.code ?? 'error'}).`));
    });
    child.once('close', (code, signal) => {
      // ffmpeg reads the original through a descriptor, so failing to write is about its output,
      // the cache; and it can end with 0 having written part of the item to a full disk.
      if (/No space left on device/i.test(stderr)) return reject(Object.assign(new Error(run.what), { code: 'ENOSPC' }));
      if (/Read-only file system/i.test(stderr)) return reject(Object.assign(new Error(run.what), { code: 'EROFS' }));
      if (code === 0) return resolve();
      if (code === commandNotFound) return reject(ffmpegMissing());
      settings.log?.(`derived: ffmpeg ended with ${signal ?? `code ${code}`}: ${stderr.split('\n').slice(-4).join(' | ')}`);
      if (/matches no streams/.test(stderr)) {
        return reject(new DerivedError(run.needs === 'video' ? 'no-video' : 'no-audio', `This file has no ${run.needs}, so ${run.what} cannot be made of it.`));
      }
      reject(new DerivedError('ffmpeg-failed', `ffmpeg could not make ${run.what} of this file (${signal ?? `exit code ${code}`}). Is it media ffmpeg can read?`));
    });
  });
}

/**
 * Preview proxies: H.264, at most `maxHeight` tall, a keyframe every `keyframeInterval` frames,
 * no audio (the compositor plays proxies muted), `+faststart` for streaming.
 */
const proxyKind: DerivedKindSpec = {
  contentType: 'video/mp4',
  // The name proxies had before the other kinds: caches made then are still used.
  nameOf: (_params, { maxHeight, keyframeInterval }) => `${maxHeight}p-g${keyframeInterval}.mp4`,
  make: (input, _params, job, settings) =>
    runFfmpeg(input, job, settings, {
      what: 'a proxy',
      needs: 'video',
      outputArgs: [
        '-map', '0:v:0', '-an', '-sn', '-dn',
        '-vf', `scale=-2:'min(${settings.maxHeight},ih)'`,
        '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '26', '-pix_fmt', 'yuv420p',
        '-g', String(settings.keyframeInterval), '-keyint_min', String(settings.keyframeInterval), '-sc_threshold', '0',
        '-movflags', '+faststart', '-f', 'mp4',
        job.partial,
      ],
    }),
  facts: async (_file, { maxHeight }) => ({ maxHeight }),
};

/** Sample rate the sound is decoded at for its peaks: every file's peaks are made alike. */
const peaksSampleRate = 48_000;
/** Frames in one of the finest buckets (`finestBucketMs`) at that rate. */
const bucketFrames = (peaksSampleRate * finestBucketMs) / 1000;

/** Channels of the layouts ffmpeg names in its output stream's line ("48000 Hz, stereo, flt"). */
const layoutChannels: Record<string, number> = {
  mono: 1, stereo: 2, '2.1': 3, '3.0': 3, '3.0(back)': 3, '4.0': 4, quad: 4, 'quad(side)': 4, '3.1': 4,
  '5.0': 5, '5.0(side)': 5, '4.1': 5, '5.1': 6, '5.1(side)': 6, '6.0': 6, 'hexagonal': 6, '6.1': 7, '7.0': 7, '7.1': 8, '7.1(wide)': 8, octagonal: 8,
};

/** The channel count of the PCM ffmpeg writes, from what it says of its output, once it has. */
function outputChannels(stderr: string): number | undefined {
  const layout = /Output #0[\s\S]*?Audio: pcm_f32le[^,]*, \d+ Hz, ([^,\n]+),/.exec(stderr)?.[1]?.trim();
  if (!layout) return undefined;
  return layoutChannels[layout] ?? Number(/^(\d+) channels/.exec(layout)?.[1] ?? Number.NaN);
}

/**
 * Waveform peaks (`src/derived/peaksFile.ts`): the first sound stream decoded by ffmpeg as 32-bit
 * float at 48 kHz, every channel as it is (a mono file is not mixed up to stereo, which would
 * lower it 3 dB), streamed through the accumulator the kit's own worker uses, so only the peaks
 * are ever held.
 */
const peaksKind: DerivedKindSpec = {
  contentType: peaksContentType,
  nameOf: () => 'peaks-v1.peaks',
  async make(input, _params, job, settings) {
    let peaks: PeaksAccumulator | undefined;
    let durationMs = 0;
    let channelCount = 0;
    /** Output that came before ffmpeg said the duration and its channels (the accumulator needs both). */
    const early: Buffer[] = [];
    let carry = Buffer.alloc(0);
    let framesSeen = 0;
    let channels: Float32Array[] = [];
    /** Sound given to the accumulator a bucket at a time, so the peaks do not depend on how the pipe cut it. */
    const feed = (bytes: Buffer, frames: number) => {
      const frameBytes = 4 * channelCount;
      if ((channels[0]?.length ?? 0) < frames) channels = Array.from({ length: channelCount }, () => new Float32Array(frames));
      for (let frame = 0; frame < frames; frame += 1) {
        for (let channel = 0; channel < channelCount; channel += 1) channels[channel][frame] = bytes.readFloatLE(frame * frameBytes + channel * 4);
      }
      peaks?.add(framesSeen / peaksSampleRate, peaksSampleRate, channels, frames);
      framesSeen += frames;
    };
    const take = (chunk: Buffer, last = false) => {
      if (!peaks) return;
      const frameBytes = 4 * channelCount;
      let bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      while (bytes.length >= bucketFrames * frameBytes) {
        feed(bytes, bucketFrames);
        bytes = bytes.subarray(bucketFrames * frameBytes);
      }
      if (last && bytes.length >= frameBytes) {
        feed(bytes, Math.floor(bytes.length / frameBytes));
        bytes = bytes.subarray(bytes.length);
      }
      carry = Buffer.from(bytes);
      if (durationMs > 0) job.progress = Math.min(0.99, ((framesSeen / peaksSampleRate) * 1000) / durationMs);
    };
    const begin = () => {
      if (peaks || durationMs === 0 || channelCount === 0) return;
      peaks = createPeaksAccumulator(durationMs);
      for (const chunk of early.splice(0)) take(chunk);
    };
    await runFfmpeg(input, job, settings, {
      what: 'waveform peaks',
      needs: 'audio',
      outputArgs: ['-map', '0:a:0', '-vn', '-sn', '-dn', '-ar', String(peaksSampleRate), '-f', 'f32le', 'pipe:1'],
      onDuration(seconds) {
        durationMs = seconds * 1000;
        begin();
      },
      onStderr(soFar) {
        if (channelCount > 0) return;
        const count = outputChannels(soFar);
        if (count !== undefined && count > 0) {
          channelCount = count;
          begin();
        }
      },
      onStdout(chunk) {
        if (peaks) take(chunk);
        else early.push(chunk);
      },
    });
    if (!peaks) throw new DerivedError('ffmpeg-failed', 'ffmpeg did not say how long the sound is or how many channels it has, so its peaks cannot be laid out.');
    take(Buffer.alloc(0), true);
    await writeFile(job.partial, encodePeaks(peaks.finish()));
  },
};

/**
 * Filmstrip sheets (`FilmstripParams`): keyframes only (`-skip_frame nokey`, fast even on a long
 * file: the decoder skips every other frame), from the sheet's start (a seek, so sheet 500 of a
 * two-hour file costs what sheet 0 does), one thumbnail every `stepMs` laid out in a JPEG grid.
 * Each thumbnail is the keyframe at or before its time, as the kit's browser-side maker draws it:
 * the seek keeps the keyframe before the sheet's start (`-noaccurate_seek`), `fps` counts from the
 * sheet's start and takes the last frame up to each time (`round=up`), and the last keyframe is
 * held (`tpad`) to the end of the sheet: thumbnails between it and the original's end show it, as
 * do those past the end (a client draws none there; ffmpeg cannot know the end before it reads it).
 */
const filmstripKind: DerivedKindSpec = {
  contentType: 'image/jpeg',
  nameOf: (params) => {
    if (params.kind !== 'filmstrip') throw new TypeError('not a filmstrip');
    return `filmstrip-h${params.height}-s${params.stepMs}-${params.sheet}.jpg`;
  },
  make(input, params, job, settings) {
    if (params.kind !== 'filmstrip') throw new TypeError('not a filmstrip');
    const { columns, rows } = filmstripGrid;
    const tiles = columns * rows;
    const startSeconds = (params.sheet * tiles * params.stepMs) / 1000;
    const spanSeconds = (tiles * params.stepMs) / 1000;
    let mediaSeconds: number | undefined;
    return runFfmpeg(input, job, settings, {
      what: 'a filmstrip',
      needs: 'video',
      spanSeconds,
      onDuration: (seconds) => (mediaSeconds = seconds),
      inputArgs: ['-skip_frame', 'nokey', '-noaccurate_seek', '-ss', String(startSeconds), '-t', String(spanSeconds)],
      outputArgs: [
        '-map', '0:v:0', '-an', '-sn', '-dn',
        '-vf', `tpad=stop_mode=clone:stop_duration=${spanSeconds},fps=1000/${params.stepMs}:start_time=0:round=up:eof_action=pass,scale=-2:${params.height},tile=${columns}x${rows}`,
        '-frames:v', '1', '-q:v', '5', '-f', 'image2', '-c:v', 'mjpeg',
        job.partial,
      ],
    }).then(() => {
      // ffmpeg makes nothing of a sheet that starts after the end, and says nothing wrong.
      if (mediaSeconds !== undefined && startSeconds >= mediaSeconds) {
        throw new DerivedError('past-end', `Sheet ${params.sheet} starts at ${startSeconds} s, after the media ends (${mediaSeconds.toFixed(1)} s).`);
      }
    });
  },
  async facts(file) {
    const size = await jpegSize(file);
    const { columns, rows } = filmstripGrid;
    return size ? { tile: { width: size.width / columns, height: size.height / rows, columns, rows } } : {};
  },
};

/** A JPEG's size from its frame header (SOF0-SOF15 but DHT, JPG and DAC), read from its first 64 KB. */
async function jpegSize(file: string): Promise<{ width: number; height: number } | undefined> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(65_536);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    let at = 2;
    while (at + 9 < bytesRead) {
      if (head[at] !== 0xff) return undefined;
      const marker = head[at + 1];
      const length = head.readUInt16BE(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: head.readUInt16BE(at + 5), width: head.readUInt16BE(at + 7) };
      }
      at += 2 + length;
    }
    return undefined;
  } finally {
    await handle.close();
  }
}

const kinds: Record<DerivedParams['kind'], DerivedKindSpec> = { proxy: proxyKind, peaks: peaksKind, filmstrip: filmstripKind };

export const derivedKindOf = (params: DerivedParams): DerivedKindSpec => kinds[params.kind];
