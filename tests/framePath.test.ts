import { describe, expect, it } from 'vitest';
import { createCanvasRenderer, RendererError } from '../src';
import { framePathFor, resolveFramePath } from '../src/render/canvas/framePath';

describe('how frames become pictures', () => {
  it('has the browser draw frames on a GPU, and converts them where the canvas is rasterised in software or nothing says', () => {
    // Names WebGL gives (unmasked where the browser tells it).
    for (const gpu of ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)', 'Apple M2', 'Mesa Intel(R) UHD Graphics 620 (KBL GT2)', 'AMD Radeon Pro 5500M OpenGL Engine']) {
      expect(framePathFor(gpu), gpu).toBe('direct');
    }
    for (const software of ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', 'llvmpipe (LLVM 19.1.7, 256 bits)', 'softpipe', 'Microsoft Basic Render Driver', undefined, '']) {
      expect(framePathFor(software), String(software)).toBe('convert');
    }
  });

  it('takes a path asked for as it is, and looks only for auto (no WebGL in Node: convert)', () => {
    expect(resolveFramePath('direct')).toBe('direct');
    expect(resolveFramePath('convert')).toBe('convert');
    expect(resolveFramePath('auto')).toBe('convert');
  });

  it('refuses options the canvas renderer cannot take, naming the option', () => {
    const refusal = (config: Parameters<typeof createCanvasRenderer>[0]) => {
      try {
        createCanvasRenderer(config);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const cases: [Parameters<typeof createCanvasRenderer>[0], RegExp][] = [
      [{ framePath: 'gpu' as never }, /framePath must be one of 'auto', 'convert', 'direct', not "gpu"/],
      [{ drawIn: 'elsewhere' as never }, /drawIn must be one of 'worker', 'page'/],
      [{ framesAhead: 0 }, /framesAhead must be a whole number of 1 or more, not 0/],
      [{ decoderInFlight: 1.5 }, /decoderInFlight must be a whole number/],
      [{ holdMixedMs: Number.NaN }, /holdMixedMs must be a number of 0 or more/],
      [{ jumpSeconds: -1 }, /jumpSeconds must be a number of 0 or more, not -1/],
    ];
    for (const [config, message] of cases) {
      const error = refusal(config);
      expect(error, JSON.stringify(config)).toBeInstanceOf(RendererError);
      expect((error as RendererError).code).toBe('bad-option');
      expect((error as RendererError).message).toMatch(message);
    }
    expect(refusal({ framePath: 'direct', drawIn: 'page', framesAhead: 2 })).toBeUndefined();
  });
});
