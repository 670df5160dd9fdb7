/** `yyyymmdd-hhmmss` in UTC: the time stamp that starts run ids and the names of cluster jobs. */
export function runStamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
}
