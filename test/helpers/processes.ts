import { readdirSync, readFileSync } from 'node:fs';

/** PIDs of live processes whose environment contains `NAME=value` (Linux /proc). */
export function processesWithEnv(name: string, value: string): number[] {
  const needle = `${name}=${value}`;
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // A zombie has exited; it only waits for its parent to read its status.
      if (/\) Z /.test(stat)) continue;
      if (env.includes(needle)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked, or is not ours to read.
    }
  }
  return pids;
}

/** PIDs of the live children of a process whose command line contains `match` (all when absent). */
export function childrenOf(pid: number, match?: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' || Number(fields[1]) !== pid) continue;
      if (match && !readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(match)) continue;
      out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}

export async function waitUntil(probe: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const start = Date.now();
  while (!probe()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}
