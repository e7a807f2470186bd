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
  const file = path.join(cacheDir, name);
  if (existsSync(file)) return name;
  mkdirSync(cacheDir, { recursive: true });
  console.log(`bench: making ${name} (${seconds} s of ${size}) with ffmpeg...`);
  try {
    execFileSync(
      'ffmpeg',
      [
        '-hide_banner', '-loglevel', 'error', '-y',
        '-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=30:duration=${seconds}`,
        '-vf', "drawtext=fontfile=/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf:fontsize=64:fontcolor=white:box=1:boxcolor=black@0.7:x=(w-tw)/2:y=h-th-40:text='%{frame_num}'",
        '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-g', '60',
        '-b:v', `${bitrateMbps}M`, '-maxrate', `${bitrateMbps}M`, '-bufsize', `${bitrateMbps * 2}M`,
        '-movflags', '+faststart', '-f', 'mp4', `${file}.part`,
      ],
      { stdio: 'inherit' },
    );
  } catch (error) {
    throw new Error(`bench: ffmpeg could not make ${name} (install it: apt-get install -y ffmpeg)`, { cause: error });
  }
  execFileSync('mv', [`${file}.part`, file]);
  console.log(`bench: ${name} is ${(statSync(file).size / 1e6).toFixed(0)} MB`);
  return name;
}
