/**
 * Runs `ssad diagnose CONFIG --json` in a child process of the bundled CLI: loading the data set,
 * custom modules and the pixel work never touch the extension host's thread.
 */
import { fork } from 'node:child_process';
import { DIAGNOSIS_SCHEMA_VERSION, type Diagnosis } from '../../shared/diagnosis';
import { errorMessage } from '../../shared/errorMessage';

export type DiagnoseOutcome = { ok: true; diagnosis: Diagnosis } | { ok: false; error: string; canceled?: boolean };

/** What the CLI said, as one line a person can act on (the config problems it lists, not a stack). */
export function diagnoseFailure(code: number | null, signal: NodeJS.Signals | null, stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.replace(/^ssad: /, '').trim())
    .filter(Boolean);
  const why = lines.slice(0, 4).join('; ');
  if (signal) return `the diagnosis process was stopped (${signal})${why ? `: ${why}` : ''}`;
  return why || `the diagnosis process exited with code ${code}`;
}

/** Parses the CLI's JSON, refusing anything that is not a diagnosis this version reads. */
export function parseDiagnosis(stdout: string): Diagnosis {
  const data = JSON.parse(stdout) as Partial<Diagnosis>;
  if (data.schemaVersion !== DIAGNOSIS_SCHEMA_VERSION || !Array.isArray(data.rows) || !Array.isArray(data.augmentations)) {
    throw new Error(`not a diagnosis of schema ${DIAGNOSIS_SCHEMA_VERSION}`);
  }
  return data as Diagnosis;
}

export function diagnoseInChild(cliScript: string, configFile: string, options: { timeoutMs: number; signal?: AbortSignal }): Promise<DiagnoseOutcome> {
  return new Promise((resolve) => {
    const child = fork(cliScript, ['diagnose', configFile, '--json'], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, SSAD_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    let settled = false;
    const settle = (outcome: DiagnoseOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      resolve(outcome);
    };
    const onAbort = (): void => settle({ ok: false, error: 'canceled', canceled: true });
    const timer = setTimeout(() => settle({ ok: false, error: `the diagnosis took longer than ${options.timeoutMs / 1000} s and was stopped` }), options.timeoutMs);
    options.signal?.addEventListener('abort', onAbort);
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    child.once('error', (error) => settle({ ok: false, error: `the diagnosis process failed: ${error.message}` }));
    child.once('close', (code, signal) => {
      if (code !== 0) return settle({ ok: false, error: diagnoseFailure(code, signal, stderr) });
      try {
        settle({ ok: true, diagnosis: parseDiagnosis(stdout) });
      } catch (error) {
        settle({ ok: false, error: `the diagnosis printed something unreadable: ${errorMessage(error)}` });
      }
    });
  });
}
