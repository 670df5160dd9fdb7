/**
 * `ssad backend`: what `auto` picks in a training process here, and why (one line per candidate).
 * `ssad backend install [--gpu] [--prefix DIR]`: installs native TensorFlow with the user's npm
 * into DIR (default: the per-user install root, where `ssad run` with `auto` looks).
 */
import { defaultNativeBackendRoot, TFJS_VERSION } from '../engine/api';
import { describeActiveInstall, installNativeBackend, nativePackageName } from '../engine/api';
import { EXIT } from './exitCodes';

interface BackendFlags {
  gpu?: boolean;
  prefix?: string;
}

export async function backendCommand(args: string[], flags: BackendFlags): Promise<number> {
  const [sub, ...extra] = args;
  if (sub === undefined) {
    if (flags.gpu || flags.prefix !== undefined) return usage('--gpu and --prefix go with "ssad backend install"');
    return report();
  }
  if (sub !== 'install') return usage(`unknown backend command "${sub}" (use "ssad backend" or "ssad backend install")`);
  if (extra.length > 0) return usage(`"ssad backend install" takes no argument, got "${extra.join(' ')}"`);
  if (flags.prefix !== undefined && flags.prefix.trim() === '') return usage('--prefix needs a folder');
  return install(flags);
}

function usage(message: string): number {
  process.stderr.write(`ssad: ${message}\n`);
  return EXIT.usage;
}

async function report(): Promise<number> {
  // Loaded only here, past the facade on purpose: the other commands never load TensorFlow.js.
  const { probeBackends } = await import('../engine/backend/select');
  const { auto, candidates } = await probeBackends();
  const width = Math.max(...candidates.map((c) => c.name.length));
  process.stdout.write(`auto picks: ${auto === 'tensorflow' ? 'native' : (auto ?? 'nothing (no backend works)')}\n`);
  for (const c of candidates) process.stdout.write(`  ${c.name.padEnd(width)}  ${c.ok ? 'yes' : 'no '}  ${c.detail}\n`);
  const root = defaultNativeBackendRoot();
  process.stdout.write(`Per-user native install (ssad backend install): ${describeActiveInstall(root)}\n`);
  return auto === undefined ? EXIT.failed : EXIT.ok;
}

async function install(flags: BackendFlags): Promise<number> {
  const root = flags.prefix ?? defaultNativeBackendRoot();
  const pkg = nativePackageName(flags.gpu);
  process.stderr.write(`Installing ${pkg} ${TFJS_VERSION} into ${root} with npm…\n`);
  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const result = await installNativeBackend({
    root,
    gpu: flags.gpu,
    signal: controller.signal,
    onOutput: (text) => process.stderr.write(text),
    onStep: (step, message) => {
      if (step !== 'npm') process.stderr.write(`${message}\n`);
    },
  });
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (result.ok) {
    const where = flags.prefix === undefined ? '`ssad run` with backend auto uses it from now on' : `set SSAD_NATIVE_BACKEND_PATH=${result.root} for \`ssad run\` to use it`;
    process.stdout.write(`Installed ${result.pkg.name} ${result.pkg.version} in ${result.pkg.dir} (${result.verified}); ${where}.\n`);
    return EXIT.ok;
  }
  if (result.canceled) {
    process.stderr.write('\nssad: install canceled; nothing was installed.\n');
    return EXIT.interrupted;
  }
  process.stderr.write(`\nssad: native TensorFlow was not installed: ${result.reason}. Training goes on with WebAssembly.\n`);
  return EXIT.failed;
}
