import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const cacheDir = new URL('./.cache/media', import.meta.url).pathname;

/** Where the media server keeps the proxies it makes for the benchmark: outside its media root. */
export const proxyCacheDir = new URL('./.cache/proxies', import.meta.url).pathname;

/**
 * A 720p H.264 file of about `megabytes` MB (4 Mbit/s, so 2 s per MB), made once with ffmpeg and
 * kept in bench/.cache, outside git. Every frame shows its number.
 */
export function ensureBenchFile(megabytes: number): string {
  const bitrateMbps = 4;
  return makeTestFile(`h264-720p-${megabytes}mb.mp4`, '1280x720', Math.round((megabytes * 8) / bitrateMbps), bitrateMbps);
}

/** A 4K H.264 file of `seconds` at 20 Mbit/s, as a camera original an editor would proxy. */
export function ensureBench4kFile(seconds: number): string {
  return makeTestFile(`h264-2160p-${seconds}s.mp4`, '3840x2160', seconds, 20);
}

function makeTestFile(name: string, size: string, seconds: number, bitrateMbps: number): string {
  return makeFile(name, `${seconds} s of ${size}`, [
    '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30:duration=${seconds}`,
    '-vf', "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf:fontsize=64:fontcolor=white:box=1:boxcolor=black@0.7:x=(w-tw)/2:y=h-th-40:text='%{frame_num}'",
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '60',
    '-b:v', `${bitrateMbps}M`, '-maxrate', `${bitrateMbps}M`, '-bufsize', `${bitrateMbps * 2}M`,
    '-movflags', '+faststart', '-f', 'mp4',
  ]);
}

/**
 * A long file as an editor gets from a recorder: `seconds` of 640x360 H.264 at 25 fps with a
 * keyframe every 10 s, and AAC sound (a tone), small enough to make in a few minutes.
 */
export function ensureLongFile(seconds: number): string {
  return makeFile(`h264-360p-${seconds}s.mp4`, `${seconds} s of 640x360 with sound`, [
    '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=25:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '250', '-b:v', '500k',
    '-c:a', 'aac', '-b:a', '64k', '-movflags', '+faststart', '-f', 'mp4',
  ]);
}

/**
 * A clip as an editor's user brings it: 60 s of 1280x720 H.264 at 30 fps (a keyframe every 2 s,
 * 4 Mbit/s) with AAC sound (a tone), each frame carrying its number in a band across its top fifth
 * in 12 bits (cell k, a twelfth of the width from the left, white when bit k is set), as the
 * stories' frame-coded fixtures do: which frame a layer shows is read from the composite's pixels.
 */
export function ensureEditorClip(): string {
  const seconds = 60;
  return makeFile('editor-720p-60s.mp4', '60 s of 1280x720, frame-coded, with sound', [
    '-f', 'lavfi', '-i', `testsrc2=size=1280x720:rate=30:duration=${seconds}`,
    '-f', 'lavfi', '-i', `color=c=black:size=1280x144:rate=30:duration=${seconds}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`,
    '-filter_complex', "[1:v]geq=lum='255*mod(floor(N/pow(2\\,floor(X*12/W)))\\,2)':cb=128:cr=128[code];[0:v][code]overlay=0:0:shortest=1[v]",
    '-map', '[v]', '-map', '2:a',
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-g', '60',
    '-b:v', '4M', '-maxrate', '4M', '-bufsize', '8M',
    '-c:a', 'aac', '-b:a', '128k', '-movflags', '+faststart', '-f', 'mp4',
  ]);
}

/**
 * A JPEG photo of `width` x `height` (the test picture with grain, so it compresses as a photo
 * does: a 4000 x 3000 one is a few MB), for image layers.
 */
export function ensurePhoto(width: number, height: number): string {
  return makeFile(`photo-${width}x${height}.jpg`, `a ${width}x${height} JPEG`, [
    '-f', 'lavfi', '-i', `testsrc2=size=${width}x${height}`, '-vf', 'noise=alls=12:allf=t', '-frames:v', '1', '-q:v', '3', '-f', 'image2',
  ]);
}

/** Makes `name` in the cache once with ffmpeg (`args` up to the output), written whole or not at all. */
function makeFile(name: string, description: string, args: string[]): string {
  const file = path.join(cacheDir, name);
  if (existsSync(file)) return name;
  mkdirSync(cacheDir, { recursive: true });
  console.log(`bench: making ${name} (${description}) with ffmpeg...`);
  try {
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args, `${file}.part`], { stdio: 'inherit' });
  } catch (error) {
    throw new Error(`bench: ffmpeg could not make ${name} (install it: apt-get install -y ffmpeg)`, { cause: error });
  }
  execFileSync('mv', [`${file}.part`, file]);
  console.log(`bench: ${name} is ${(statSync(file).size / 1e6).toFixed(0)} MB`);
  return name;
}
