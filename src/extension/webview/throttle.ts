/**
 * Runs `fn` at most once per `intervalMs`, always after the last call (trailing): live training
 * events arrive many times a second, but the panel needs a snapshot at most a few times a second.
 */
export function throttle(fn: () => void, intervalMs: number): { (): void; cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = 0;
  const call = (): void => {
    if (timer) return;
    const wait = Math.max(0, last + intervalMs - Date.now());
    timer = setTimeout(() => {
      timer = undefined;
      last = Date.now();
      fn();
    }, wait);
  };
  call.cancel = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
