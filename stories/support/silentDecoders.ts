/**
 * Some hardware decoder pools accept chunks and never give a frame back (mediabunny#406). This
 * makes the preview's WebCodecs video decoders that may use hardware (any but
 * `hardwareAcceleration: 'prefer-software'`) behave so while `silentHardware.on` is set, so a
 * story sees the canvas renderer replace such a decoder with a software one. Frames they do
 * decode are closed here, never handed on.
 */
export const silentHardware = { on: false };

if (typeof VideoDecoder !== 'undefined' && !(window as { __silentHardware?: unknown }).__silentHardware) {
  (window as { __silentHardware?: unknown }).__silentHardware = silentHardware;
  const Decoder = window.VideoDecoder;
  const silent = new WeakSet<VideoDecoder>();
  window.VideoDecoder = class MaybeSilentVideoDecoder extends Decoder {
    constructor(init: VideoDecoderInit) {
      super({
        ...init,
        output: (frame) => {
          if (silent.has(this)) frame.close();
          else init.output(frame);
        },
      });
    }

    configure(config: VideoDecoderConfig): void {
      if (silentHardware.on && config.hardwareAcceleration !== 'prefer-software') silent.add(this);
      else silent.delete(this);
      super.configure(config);
    }
  };
}
