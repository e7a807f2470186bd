import { realpath } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startMediaServer } from './createMediaServer';
import { isInside } from './proxyRenditions';

const usage = `Usage: multitrack-media-server --root <dir> [--port <n>] [--host <addr>] [--cors <origin>]... [--max-range <bytes>]
       [--proxy-cache <dir> [--ffmpeg <path>] [--proxy-height <n>]] [--log]

Serves the files under <dir> with HTTP Range requests for multitrack-kit.
  --root   directory to serve (required); nothing outside it is ever served
  --port   port to listen on (default 8787; 0 picks a free one)
  --host   address to listen on (default 127.0.0.1)
  --cors   origin allowed to read media from another origin; repeat it, or * for any
  --max-range  the most bytes one 206 response carries (default: no limit); players ask again
  --proxy-cache  make preview proxies with ffmpeg on request and keep them in <dir>, which must be
               outside --root (POST /.proxy/<path>, GET /.proxy-status/<path>, GET /.proxy/<path>)
  --ffmpeg     the ffmpeg to run for proxies (default: ffmpeg on the PATH)
  --proxy-height  the tallest proxy picture (default 720)
  --log    print one line per request`;

export async function main(argv: string[]): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        root: { type: 'string' },
        port: { type: 'string', default: '8787' },
        host: { type: 'string', default: '127.0.0.1' },
        cors: { type: 'string', multiple: true },
        'max-range': { type: 'string' },
        'proxy-cache': { type: 'string' },
        ffmpeg: { type: 'string' },
        'proxy-height': { type: 'string', default: '720' },
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
  const maxRangeBytes = values['max-range'] === undefined ? undefined : Number(values['max-range']);
  const badLimit = maxRangeBytes !== undefined && !(Number.isInteger(maxRangeBytes) && maxRangeBytes > 0);
  const proxyHeight = Number(values['proxy-height']);
  const badHeight = !(Number.isInteger(proxyHeight) && proxyHeight >= 16);
  if (!values.root || !Number.isInteger(port) || port < 0 || port > 65535 || badLimit || badHeight) {
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
  const proxyCache = values['proxy-cache'];
  if (proxyCache && isInside(proxyCache, root)) {
    console.error('multitrack-media-server: --proxy-cache must be outside --root.');
    process.exit(2);
  }
  const running = await startMediaServer({
    root,
    port,
    host: values.host,
    cors: values.cors,
    maxRangeBytes,
    proxies: proxyCache ? { cacheDir: proxyCache, ffmpegPath: values.ffmpeg, maxHeight: proxyHeight } : undefined,
    log: values.log ? (line) => console.log(line) : undefined,
  });
  console.log(`multitrack-media-server: serving ${root} at ${running.url}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
