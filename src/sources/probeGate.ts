/**
 * At most `limit` header reads at once, the rest waiting their turn in order: a project of a
 * hundred clips opened at once reads its files as the track loader loads them, within the load
 * budget (`SourceOptions.concurrency`), rather than a hundred requests at a time. (A dozen lines
 * of queue, not a dependency: p-limit does the same.)
 */
export interface ProbeGate {
  run<T>(read: () => Promise<T>): Promise<T>;
}

export function createProbeGate(limit: number): ProbeGate {
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    running -= 1;
    waiting.shift()?.();
  };
  return {
    async run(read) {
      if (running >= Math.max(1, limit)) await new Promise<void>((turn) => waiting.push(turn));
      running += 1;
      try {
        return await read();
      } finally {
        next();
      }
    },
  };
}
