// One place that knows what must be stopped (code-server, chromium, temp folders), so that a
// normal end, an error, the overall timeout and Ctrl-C all leave no process behind.

const STEP_LIMIT_MS = 15_000;

/** A stack of clean-up steps, run last-in first-out, each at most once. */
export function createCleanup() {
  const steps = [];
  let running;

  function add(name, fn) {
    steps.push({ name, fn });
  }

  function run() {
    running ??= (async () => {
      while (steps.length) {
        const { name, fn } = steps.pop();
        try {
          await withLimit(Promise.resolve().then(fn), STEP_LIMIT_MS, `clean-up step "${name}" took too long`);
        } catch (err) {
          console.error(`[harness] clean-up "${name}" failed: ${err?.message ?? err}`);
        }
      }
    })();
    return running;
  }

  // `interrupted` names the signal that stopped the run, so that errors caused by the clean-up
  // itself (code-server gone mid-test) are not reported as failures.
  return { add, run, interrupted: undefined };
}

/** Rejects with `message` when `promise` has not settled within `ms`. */
export function withLimit(promise, ms, message) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/**
 * Ctrl-C, `kill` and a closed terminal run the clean-up before leaving. A second signal while
 * it runs leaves at once; the synchronous exit hooks (see codeServer.mjs) still kill what is left.
 */
export function handleSignals(cleanup) {
  let stopping = false;
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [signal, code] of Object.entries(codes)) {
    process.on(signal, () => {
      if (stopping) process.exit(code);
      stopping = true;
      cleanup.interrupted = signal;
      console.error(`\n[harness] ${signal}: stopping code-server and chromium`);
      cleanup.run().finally(() => process.exit(code));
    });
  }
}
