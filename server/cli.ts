import { realpath } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { startMediaServer } from './createMediaServer';

const usage = `Usage: multitrack-media-server --root <dir> [--port <n>] [--host <addr>] [--cors <origin>]... [--max-range <bytes>] [--log]

Serves the files under <dir> with HTTP Range requests for multitrack-kit.
  --root   directory to serve (required); nothing outside it is ever served
  --port   port to listen on (default 8787; 0 picks a free one)
  --host   address to listen on (default 127.0.0.1)
  --cors   origin allowed to read media from another origin; repeat it, or * for any
  --max-range  the most bytes one 206 response carries (default: no limit); players ask again
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
  if (!values.root || !Number.isInteger(port) || port < 0 || port > 65535 || badLimit) {
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
  const running = await startMediaServer({
    root,
    port,
    host: values.host,
    cors: values.cors,
    maxRangeBytes,
    log: values.log ? (line) => console.log(line) : undefined,
  });
  console.log(`multitrack-media-server: serving ${root} at ${running.url}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
