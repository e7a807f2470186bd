import { realpath } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startMediaServer } from './createMediaServer';
import { kindSettingsOf } from './derivedMedia';
import { isInside } from './pathInside';
import { loadRedisJobs, QueueLibrariesMissingError, redisAnswers, startDerivedWorker } from './queueLibraries';

const usage = `Usage: multitrack-media-server --root <dir> [--port <n>] [--host <addr>] [--cors <origin>]... [--max-range <bytes>]
       [--allowed-host <name>]... [--idle-timeout <s>] [--send-timeout <s>] [--max-connections <n>]
       [--cache <dir> [--cache-max <size>] [--queue-max <n>] [--ffmpeg <path>] [--proxy-height <n>] [--jobs <redis-url>]] [--log]
       multitrack-media-server worker --jobs <redis-url> --root <dir> --cache <dir> [--cache-max <size>] [--ffmpeg <path>] [--proxy-height <n>]

Serves the files under <dir> with HTTP Range requests for multitrack-kit.
  --root   directory to serve (required); nothing outside it is ever served
  --port   port to listen on (default 8787; 0 picks a free one)
  --host   address to listen on (default 127.0.0.1)
  --cors   origin allowed to read media from another origin; repeat it, or * for any
  --max-range  the most bytes one 206 response carries (default 1 MiB; 0 for no limit); players ask again
  --allowed-host  a host name requests on loopback may use besides localhost and 127.0.0.1
               (anything else is refused: a DNS-rebinding page); repeat it
  --idle-timeout  close a connection that sends and receives nothing for this many seconds
               (default 60; 0 never)
  --send-timeout  cut off a client that takes none of an answer's bytes for this many seconds
               (default 60; 0 never; nginx's send_timeout)
  --max-connections  the most connections open at once; more are closed at once (default 1024)
  --cache  make derived media with ffmpeg on request (preview proxies, waveform peaks, filmstrip
               sheets) and keep it in <dir>, which must be outside --root: POST /.derived/<kind>/<path>,
               GET /.derived-status/<kind>/<path>, GET /.derived/<kind>/<path>
  --cache-max  the most the cache keeps, in bytes or with K, M, G (default: no limit); the least
               recently used items are removed first, never one being served
  --queue-max  the most items waiting or being made; more are refused with 429 (default 8)
  --ffmpeg     the ffmpeg to run (default: ffmpeg on the PATH)
  --jobs   put derived-media jobs on the BullMQ queue at <redis-url> (redis://host:port) for
               workers to make, rather than making them here; every server and worker of one
               deployment shares the queue, the cache directory and the same files under --root;
               needs the packages bullmq and ioredis installed beside multitrack-kit
  worker   make the jobs queued at --jobs, one at a time, into --cache (run any number, anywhere)
  --job-lock  (worker) seconds a job stays a worker's without word from it: a worker killed
               mid-job has its job made by another after this long (default 30)
  --proxy-height  the tallest proxy picture (default 720)
  --log    print one line per request`;

/** `10G`, `500M`, `64K` or a number of bytes; NaN for anything else. */
function byteSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([KMG]?)i?B?$/i.exec(text.trim());
  if (!match) return Number.NaN;
  const unit = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[match[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
  return Math.floor(Number(match[1]) * unit);
}

export async function main(argv: string[]): Promise<void> {
  const asWorker = argv[0] === 'worker';
  let values;
  try {
    ({ values } = parseArgs({
      args: asWorker ? argv.slice(1) : argv,
      options: {
        root: { type: 'string' },
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        cors: { type: 'string', multiple: true },
        'max-range': { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        'idle-timeout': { type: 'string', default: '60' },
        'send-timeout': { type: 'string', default: '60' },
        'max-connections': { type: 'string' },
        cache: { type: 'string' },
        'cache-max': { type: 'string' },
        'queue-max': { type: 'string' },
        // The names from when proxies were the only derived media.
        ffmpeg: { type: 'string' },
        'proxy-height': { type: 'string', default: '720' },
        jobs: { type: 'string' },
        'job-lock': { type: 'string', default: '30' },
        log: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    return;
  }
  const port = Number(values.port);
  const maxRange = values['max-range'] === undefined ? undefined : Number(values['max-range']);
  const badLimit = maxRange !== undefined && !(Number.isInteger(maxRange) && maxRange >= 0);
  // 0: no limit.
  const maxRangeBytes = maxRange === 0 ? Number.POSITIVE_INFINITY : maxRange;
  const proxyHeight = Number(values['proxy-height']);
  const badHeight = !(Number.isInteger(proxyHeight) && proxyHeight >= 16);
  const idleSeconds = Number(values['idle-timeout']);
  const sendSeconds = Number(values['send-timeout']);
  const maxConnections = values['max-connections'] === undefined ? undefined : Number(values['max-connections']);
  const cacheMax = values['cache-max'];
  const maxCacheBytes = cacheMax === undefined ? undefined : byteSize(cacheMax);
  const maxQueued = Number(values['queue-max'] ?? '8');
  const badServing =
    !(Number.isFinite(idleSeconds) && idleSeconds >= 0) ||
    !(Number.isFinite(sendSeconds) && sendSeconds >= 0) ||
    (maxConnections !== undefined && !(Number.isInteger(maxConnections) && maxConnections > 0)) ||
    (maxCacheBytes !== undefined && !(maxCacheBytes > 0)) ||
    !(Number.isInteger(maxQueued) && maxQueued > 0);
  if (!values.root || !Number.isInteger(port) || port < 0 || port > 65535 || badLimit || badHeight || badServing) {
    console.error(usage);
    process.exit(2);
  }
  let root: string;
  try {
    root = await realpath(values.root);
  } catch {
    console.error(`multitrack-media-server: the root directory ${values.root} does not exist.`);
    process.exit(2);
  }
  if (values.jobs !== undefined && !/^rediss?:\/\/[^/]/.test(values.jobs)) {
    console.error(`multitrack-media-server: --jobs takes a Redis URL, redis://host:port (given: ${values.jobs}).`);
    process.exit(2);
  }
  if (values.jobs !== undefined) {
    // Said at the start, not at the first request for derived media.
    try {
      await loadRedisJobs();
    } catch (error) {
      if (!(error instanceof QueueLibrariesMissingError)) throw error;
      console.error(`multitrack-media-server: ${error.message}`);
      process.exit(2);
    }
  }
  const cacheDir = values.cache;
  if (asWorker) {
    if (!values.jobs || !cacheDir) {
      console.error(`multitrack-media-server worker: --jobs and --cache are required.\n\n${usage}`);
      process.exit(2);
    }
    const worker = await startDerivedWorker({
      url: values.jobs,
      root,
      cacheDir,
      maxCacheBytes,
      lockMs: Number(values['job-lock']) * 1000,
      settings: kindSettingsOf({ cacheDir, ffmpegPath: values.ffmpeg, maxHeight: proxyHeight, log: (line) => console.error(line) }),
    });
    console.log(`multitrack-media-server worker: making ${root}'s derived media from ${values.jobs} into ${cacheDir}`);
    const stopWorker = () => void worker.close().then(() => process.exit(0));
    process.once('SIGINT', stopWorker);
    process.once('SIGTERM', stopWorker);
    return;
  }
  if (cacheDir && isInside(cacheDir, root)) {
    console.error('multitrack-media-server: --cache must be outside --root.');
    process.exit(2);
  }
  const running = await startMediaServer({
    root,
    port,
    host: values.host,
    cors: values.cors,
    allowedHosts: values['allowed-host'],
    idleTimeoutMs: idleSeconds * 1000,
    sendTimeoutMs: sendSeconds * 1000,
    maxConnections,
    maxRangeBytes,
    derived: cacheDir ? { cacheDir, ffmpegPath: values.ffmpeg, maxHeight: proxyHeight, maxCacheBytes, maxQueued, jobs: values.jobs } : undefined,
    log: values.log ? (line) => console.log(line) : undefined,
  });
  console.log(`multitrack-media-server: serving ${root} at ${running.url}`);
  if (values.jobs) {
    const reached = await redisAnswers(values.jobs);
    if (reached !== true) {
      console.error(
        `multitrack-media-server: warning: the job queue at ${values.jobs} cannot be reached (${reached}); derived media are answered 503 until it can.`,
      );
    }
  }
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
