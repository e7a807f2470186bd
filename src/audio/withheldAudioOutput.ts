import { AudioSample, CustomAudioDecoder, EncodedPacketSink, registerDecoder, type AudioCodec, type EncodedPacket, type InputAudioTrack } from 'mediabunny';

/**
 * WebKitGTK 2.50's `AudioDecoder` (GStreamer underneath: Tauri on Linux) gives no output for the
 * chunks it is given until `flush()`: 60 AAC chunks fed 50 ms apart, nothing out; Chromium and
 * Firefox give each chunk's sound within two or three chunks. mediabunny's sample sink waits for
 * output before it feeds more than a few chunks, so on WebKitGTK it waits for ever: the kit's
 * sound and waveforms never come (and the decoder's queue grows).
 *
 * So the first time a codec's sound is opened on a page (or in a worker), a few chunks are decoded
 * to see whether output comes without a flush. Where it does not, a decoder of the kit's own is
 * registered with mediabunny for that codec: the engine's own `AudioDecoder`, flushed every
 * `chunksPerFlush` chunks, so output comes a fraction of a second behind input (measured on
 * WebKitGTK: every chunk's frames out, 24 flushes of a 12 s file in 63 ms). Elsewhere nothing
 * changes.
 *
 * A flush also forgets the decoder's state: the first chunk decoded after one has no previous
 * chunk to overlap with (AAC and Opus overlap each block with the last), and a steady tone
 * stepped by up to 0.45 at every flush, every 341 ms of 48 kHz AAC: a click three times a
 * second on the tapped output. So after each flush the last chunk before it is decoded again,
 * its output dropped, and the decoder holds the state the next chunk needs.
 */
const chunksPerFlush = 16;
/** Chunks decoded by the check, and how long it waits for their output. */
const checkChunks = 8;
const checkWaitMs = 500;

const withheld = new Set<string>();
const checked = new Map<string, Promise<void>>();

/** Decodes with the engine's `AudioDecoder`, flushing it every few chunks (see above). Exported for its tests. */
export class FlushingAudioDecoder extends CustomAudioDecoder {
  private decoder: AudioDecoder | undefined;
  private sinceFlush = 0;
  /** The last chunk before the latest periodic flush, to be decoded again (not heard) before the next. */
  private primer: EncodedAudioChunk | undefined;
  /** Output before this time (µs) is a primer's, dropped. */
  private dropBeforeUs = -Infinity;

  static override supports(codec: AudioCodec): boolean {
    return withheld.has(codec);
  }

  init(): void {
    this.decoder = new AudioDecoder({
      output: (data) => {
        if (data.timestamp < this.dropBeforeUs) data.close();
        else this.onSample(new AudioSample(data));
      },
      error: (error) => this.onError(error),
    });
    this.decoder.configure(this.config);
  }

  async decode(packet: EncodedPacket): Promise<void> {
    const decoder = this.decoder as AudioDecoder;
    const chunk = packet.toEncodedAudioChunk();
    if (this.primer) {
      decoder.decode(this.primer);
      this.dropBeforeUs = chunk.timestamp;
      this.primer = undefined;
    }
    decoder.decode(chunk);
    this.sinceFlush += 1;
    if (this.sinceFlush < chunksPerFlush) return;
    this.sinceFlush = 0;
    // Every output of the chunks before it is out once this resolves: the next primer's drop
    // bound cannot catch them.
    await decoder.flush();
    this.primer = chunk;
  }

  /** mediabunny's flush (the end of a read, or a seek): what comes next need not follow on, so no primer. */
  async flush(): Promise<void> {
    this.sinceFlush = 0;
    this.primer = undefined;
    await this.decoder?.flush();
    this.dropBeforeUs = -Infinity;
  }

  close(): void {
    if (this.decoder && this.decoder.state !== 'closed') this.decoder.close();
    this.decoder = undefined;
  }
}

/** Whether the engine's decoder gives output for `track`'s first chunks without being flushed. */
async function givesOutputUnflushed(track: InputAudioTrack): Promise<boolean> {
  const config = await track.getDecoderConfig();
  if (!config || typeof AudioDecoder === 'undefined') return true;
  let outputs = 0;
  let failed = false;
  const decoder = new AudioDecoder({
    output: (data) => {
      outputs += 1;
      data.close();
    },
    error: () => {
      failed = true;
    },
  });
  try {
    decoder.configure(config);
    let fed = 0;
    for await (const packet of new EncodedPacketSink(track).packets()) {
      decoder.decode(packet.toEncodedAudioChunk());
      fed += 1;
      if (fed >= checkChunks) break;
    }
    const until = performance.now() + checkWaitMs;
    while (outputs === 0 && !failed && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    // A decoder that failed says nothing about withholding: mediabunny's own path reports the failure.
    const prompt = outputs > 0 || failed || fed === 0;
    // Flushed before it is closed: WebKitGTK's web process can hang closing a decoder that holds input.
    if (!failed) await decoder.flush().catch(() => undefined);
    return prompt;
  } finally {
    if (decoder.state !== 'closed') decoder.close();
  }
}

/**
 * Before a track's sound is decoded through mediabunny: checks once per codec (per page or worker)
 * whether the engine withholds decoded sound until a flush, and if so, has mediabunny decode that
 * codec with the flushing decoder.
 */
export function decodeSoundPromptly(track: InputAudioTrack): Promise<void> {
  const codec = track.codec;
  if (!codec) return Promise.resolve();
  let check = checked.get(codec);
  if (!check) {
    check = givesOutputUnflushed(track).then(
      (prompt) => {
        if (prompt) return;
        withheld.add(codec);
        registerFlushingDecoder();
      },
      // The check could not read the track: mediabunny's own decoding will say why.
      () => undefined,
    );
    checked.set(codec, check);
  }
  return check;
}

let registered = false;
function registerFlushingDecoder(): void {
  if (registered) return;
  registered = true;
  registerDecoder(FlushingAudioDecoder);
}
