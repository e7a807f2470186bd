import { readFileSync } from 'node:fs';
import { processTree } from './processMemory';

/** Clock ticks a second of /proc's CPU times (CLK_TCK: 100 on Linux). */
const ticksPerSecond = 100;

/** CPU time (user + system) a process tree has used so far, in seconds. */
export function treeCpuSeconds(rootPid: number): number {
  let ticks = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // Fields after the command name (in parentheses, which may hold spaces): utime is the 12th, stime the 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone while we looked.
    }
  }
  return ticks / ticksPerSecond;
}
