// A sound card for browsers on a machine that has none: a PulseAudio daemon of this run's own
// with a null sink, which browsers play into as into speakers. Firefox's and WebKitGTK's audio
// contexts stay "suspended" with no output device (Chromium's headless one runs without), and a
// context that does not run is no clock and plays nothing the stories could hear.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Starts the daemon and points this process's children at it (PULSE_SERVER); returns the stop. */
export async function startAudioSink() {
  const home = mkdtempSync(path.join(tmpdir(), 'multitrack-pulse-'));
  const socket = path.join(home, 'native');
  const daemon = spawn(
    'pulseaudio',
    [
      '--daemonize=no',
      '-n',
      '--use-pid-file=no',
      '--exit-idle-time=-1',
      '--disallow-exit',
      '--load=module-null-sink sink_name=multitrack_null',
      `--load=module-native-protocol-unix socket=${socket} auth-anonymous=1`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: home, XDG_RUNTIME_DIR: home, XDG_CONFIG_HOME: home } },
  );
  const log = [];
  daemon.stderr.on('data', (chunk) => log.push(String(chunk)));
  const failed = new Promise((resolve) => daemon.once('error', (error) => resolve(error.message)).once('exit', (code) => resolve(`exited with ${code}`)));
  const until = Date.now() + 10_000;
  while (!existsSync(socket)) {
    const why = await Promise.race([failed, new Promise((resolve) => setTimeout(() => resolve(undefined), 100))]);
    if (why || Date.now() > until) {
      rmSync(home, { recursive: true, force: true });
      throw new Error(`PulseAudio could not start (apt-get install -y pulseaudio): ${why ?? 'no socket in 10 s'}\n${log.join('').slice(-1000)}`);
    }
  }
  process.env.PULSE_SERVER = `unix:${socket}`;
  const stop = () => {
    process.off('exit', stop);
    daemon.kill();
    delete process.env.PULSE_SERVER;
    rmSync(home, { recursive: true, force: true });
  };
  process.on('exit', stop);
  return stop;
}
