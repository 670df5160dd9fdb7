// Starts and stops code-server (VS Code 1.100.3 with a Node extension host) with a state folder
// of its own, so that no run sees the settings, extensions or history of another.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { paths } from './paths.mjs';

const LISTEN_LIMIT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/** A port that was free a moment ago: the OS picks it, we release it for code-server. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * The environment code-server (and so the extension host) runs with: ours, SSAD_* included,
 * less what would make it talk to another VS Code or ask for a password, plus isolation.
 */
export function codeServerEnv(stateDir, extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    // VSCODE_IPC_HOOK_CLI (set in VS Code's terminal) would make code-server open the folder in
    // that VS Code instead of starting; PASSWORD/HASHED_PASSWORD/CODE_SERVER_* change its auth.
    if (/^(VSCODE_|ELECTRON_|CODE_SERVER_)/.test(key)) continue;
    if (key === 'PASSWORD' || key === 'HASHED_PASSWORD') continue;
    env[key] = value;
  }
  return {
    ...env,
    // Else code-server writes its config and data into the home folder.
    XDG_CONFIG_HOME: join(stateDir, 'xdg-config'),
    XDG_DATA_HOME: join(stateDir, 'xdg-data'),
    // Else it looks up the marketplace, which cannot be reached, and logs ENOTFOUND.
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

function dirArgs(stateDir) {
  return ['--user-data-dir', join(stateDir, 'user-data'), '--extensions-dir', join(stateDir, 'extensions')];
}

/** Installs a packaged extension into the state folder (code-server does it and exits). */
export function installVsix(stateDir, vsixPath, env) {
  const result = spawnSync(
    process.execPath,
    [paths.codeServerEntry, ...dirArgs(stateDir), '--install-extension', vsixPath, '--force'],
    { env, encoding: 'utf8', timeout: 120_000 },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0) {
    throw new Error(`code-server --install-extension ${vsixPath} failed (exit ${result.status}):\n${output}`);
  }
  return output;
}

/** Lists `publisher.name@version` of the extensions installed in the state folder. */
export function listExtensions(stateDir, env) {
  const result = spawnSync(process.execPath, [paths.codeServerEntry, ...dirArgs(stateDir), '--list-extensions', '--show-versions'], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return (result.stdout ?? '').split('\n').map((line) => line.trim()).filter((line) => /^[\w-]+\.[\w-]+@/.test(line));
}

/**
 * Starts code-server on 127.0.0.1:`port` and resolves once it answers HTTP. It runs in a process
 * group of its own so that stopping it also stops the extension host and the other helpers it
 * forks. Its output goes to `<stateDir>/code-server.log`.
 */
export async function startCodeServer({ stateDir, port, env, trustWorkspace = true }) {
  const logFile = join(stateDir, 'code-server.log');
  const log = createWriteStream(logFile);
  const args = [
    paths.codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    ...dirArgs(stateDir),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Tests of Restricted Mode need trust on; everything else runs as in a trusted folder.
    ...(trustWorkspace ? ['--disable-workspace-trust'] : []),
  ];
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  // Last resort when the harness leaves without running its clean-up (an uncaught error,
  // process.exit): kill the whole group synchronously.
  const killOnExit = () => killGroup(child.pid, 'SIGKILL');
  process.on('exit', killOnExit);

  let exited = false;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = true;
    resolve({ code, signal });
  }));

  const handle = {
    port,
    pid: child.pid,
    logFile,
    /** Resolves when code-server's main process ends, for whatever reason. */
    exit,
    get running() {
      return !exited;
    },
    logTail: (lines = 30) => tail(logFile, lines),
    async stop() {
      process.off('exit', killOnExit);
      if (!exited) {
        killGroup(child.pid, 'SIGTERM');
        // unref: a pending grace timer must not keep the harness alive after code-server stopped.
        const stopped = await Promise.race([exit.then(() => true), delay(STOP_GRACE_MS, { unref: true }).then(() => false)]);
        if (!stopped) console.error('[harness] code-server did not stop on SIGTERM: killing it');
      }
      // Whatever it forked (extension host, pty host, file watcher) goes too.
      killGroup(child.pid, 'SIGKILL');
      log.end();
    },
  };

  try {
    await waitForHttp(port, exit);
  } catch (err) {
    await handle.stop();
    throw new Error(`${err.message}\n--- last lines of ${logFile} ---\n${tail(logFile, 30)}`);
  }
  return handle;
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err;
  }
}

/** Polls code-server's health endpoint until it answers, it exits, or the limit passes. */
async function waitForHttp(port, exit) {
  let exitInfo;
  exit.then((info) => (exitInfo = info));
  const deadline = Date.now() + LISTEN_LIMIT_MS;
  while (Date.now() < deadline) {
    if (exitInfo) throw new Error(`code-server exited before listening (code ${exitInfo.code}, signal ${exitInfo.signal})`);
    if (await answers(port)) return;
    await delay(100);
  }
  throw new Error(`code-server did not listen on 127.0.0.1:${port} within ${LISTEN_LIMIT_MS / 1000} s`);
}

function answers(port) {
  return new Promise((resolve) => {
    const request = get({ host: '127.0.0.1', port, path: '/healthz', timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

function tail(file, lines) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function delay(ms, { unref = false } = {}) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    if (unref) timer.unref();
  });
}
