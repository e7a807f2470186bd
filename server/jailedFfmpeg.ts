import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

/**
 * Demuxers ffmpeg may pick for an original: media containers only. Playlists (hls, dash),
 * concat lists, image sequences and the like name other files, and ffmpeg picks a demuxer by
 * content, not by name: a file called `a.mp4` that holds an HLS playlist would otherwise be read
 * as one, segments from anywhere on the disk included.
 */
export const containerDemuxers = ['mov', 'matroska', 'webm', 'avi', 'mpegts', 'mpeg', 'flv', 'ogg', 'mxf', 'asf', 'dv', 'h264', 'hevc', 'm4v'];

/** Where ffmpeg reads its input: the descriptor the server opened, never a path it could be tricked into. */
const inputFd = 3;

// util-linux's setpriv asks the kernel to kill ffmpeg when the server's thread dies, however it
// dies (SIGKILL included): a transcode never outlives the server that started it.
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((candidate) => process.platform === 'linux' && existsSync(candidate));

/** Exit status of setpriv (and of a shell) when the program it was to run does not exist. */
export const commandNotFound = 127;

/**
 * Runs ffmpeg on an opened file and nothing else: the input is the server's own descriptor
 * (`/dev/fd/3`, seekable, so an MP4 with its index at the end still works), ffmpeg may open no
 * protocol but `file` (no network) and may demux only containers (no playlist or list that names
 * another file). `outputArgs` follow the input and end with the output file; `inputArgs` (a
 * seek, a decoder option) come before it.
 */
export function spawnJailedFfmpeg(ffmpegPath: string, input: FileHandle, outputArgs: string[], inputArgs: string[] = []): ChildProcess {
  const args = [
    '-hide_banner', '-nostdin', '-y',
    '-protocol_whitelist', 'file',
    '-format_whitelist', containerDemuxers.join(','),
    ...inputArgs,
    '-i', `/dev/fd/${inputFd}`,
    ...outputArgs,
  ];
  const [command, commandArgs] = setpriv ? [setpriv, ['--pdeathsig', 'KILL', '--', ffmpegPath, ...args]] : [ffmpegPath, args];
  return spawn(command, commandArgs, { stdio: ['ignore', 'pipe', 'pipe', input.fd] });
}
