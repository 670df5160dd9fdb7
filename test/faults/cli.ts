/**
 * Running the built CLI (dist/cli.js, as users run it) in the fault cases, and judging how each
 * run ended: its exit code, its results.json, the processes and files it left.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { readRunResults } from '../../src/engine/run/readResults';
import type { RunResults } from '../../src/shared/results';
import { processesWithEnv, waitUntil } from '../helpers/processes';
import { baseConfig } from '../helpers/hostile';
import { lost, runEnded } from './tally';

export const CLI = resolve(__dirname, '../../dist/cli.js');

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  mark: string;
}

let marks = 0;
function newMark(): string {
  return `faults-${process.pid}-${++marks}`;
}

export function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
}

/** Runs `ssad ARGS` to the end (at most `timeoutMs`). */
export function cli(args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): CliResult {
  const mark = newMark();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { ...process.env, ...options.env, SSAD_TEST_MARK: mark },
    timeout: options.timeoutMs ?? 90_000,
    killSignal: 'SIGKILL',
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, mark };
}

/** A CLI run in the background, to signal or to race with others. */
export function cliAsync(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const mark = newMark();
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env, SSAD_TEST_MARK: mark },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const done = new Promise<CliResult>((r) =>
    child.on('exit', (status, signal) => r({ status, signal, stdout: out.stdout, stderr: out.stderr, mark })),
  );
  return { child, out, done, mark };
}

export function writeConfig(dir: string, name: string, overrides: Record<string, unknown> = {}): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.ssad.json`);
  writeFileSync(file, JSON.stringify(baseConfig(overrides), null, 2));
  return file;
}

/** The only run folder under `runsDir`. */
export function onlyRun(runsDir: string): string {
  const runs = existsSync(runsDir) ? readdirSync(runsDir) : [];
  assert.equal(runs.length, 1, `one run folder in ${runsDir}: ${runs.join(', ')}`);
  return join(runsDir, runs[0]);
}

const EXPECTED_EXIT: Record<string, number> = { completed: 0, failed: 1, canceled: 130 };

/**
 * Judges how a CLI run ended and adds it to the figures: clear when results.json (as readers see
 * it) holds a final status matching the exit code, a failure says why, no process of the run is
 * left, no temp file, and every cell the CLI said was done is completed with its scores.
 */
export async function judge(what: string, runDir: string, r: CliResult, expect?: { status?: string; exit?: number | null }): Promise<RunResults> {
  let results: RunResults | undefined;
  const problems: string[] = [];
  try {
    results = readRunResults(runDir);
  } catch (error) {
    problems.push(`results.json unreadable: ${(error as Error).message}`);
  }
  try {
    await waitUntil(() => processesWithEnv('SSAD_TEST_MARK', r.mark).length === 0, 3000, 'the run to leave no process');
  } catch {
    problems.push('processes left behind');
  }
  const temps = listFiles(runDir).filter((f) => f.endsWith('.tmp'));
  if (temps.length > 0) problems.push(`temp files left: ${temps.join(', ')}`);
  if (results) {
    if (results.status === 'running') problems.push('still says running');
    const exit = expect?.exit !== undefined ? expect.exit : results.status === 'interrupted' ? r.status : EXPECTED_EXIT[results.status];
    if (r.status !== exit) problems.push(`exit code ${r.status} (signal ${r.signal}) for status ${results.status}`);
    if (expect?.status && results.status !== expect.status) problems.push(`status ${results.status}, expected ${expect.status}`);
    if ((results.status === 'failed' || results.status === 'interrupted') && !results.error) problems.push('failed without a reason');
    for (const c of results.cells) if (c.status === 'failed' && !c.error) problems.push(`cell ${c.id} failed without a reason`);
    lost(lostCells(runDir, results, r.stderr));
  }
  runEnded(what, problems.length === 0, problems.join('; '));
  assert.deepEqual(problems, [], `${what}: ${problems.join('; ')}\n${r.stderr.slice(-2000)}`);
  return results!;
}

/** Cells the CLI reported done that results.json does not hold as completed with a scores file. */
export function lostCells(runDir: string, results: RunResults, stderr: string): number {
  const reported = [...stderr.matchAll(/^ {2}done (.+) · seed (\d+) · class (.+?): /gm)];
  let missing = 0;
  for (const [, augmentation, seed, normalClass] of reported) {
    const cell = results.cells.find((c) => c.augmentation === augmentation && c.seed === Number(seed) && c.normalClass === normalClass);
    if (!cell || cell.status !== 'completed' || !cell.scoresFile || !existsSync(join(runDir, cell.scoresFile))) missing++;
  }
  return missing;
}

export function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: false }) as string[];
}

/** An 8-bit grey PNG of w × h with a seeded pattern. */
export function png(w: number, h: number, seed: number): Buffer {
  const image = new PNG({ width: w, height: h });
  for (let i = 0; i < w * h; i++) {
    const v = (i * 37 + seed * 101) % 256;
    image.data[4 * i] = image.data[4 * i + 1] = image.data[4 * i + 2] = v;
    image.data[4 * i + 3] = 255;
  }
  return PNG.sync.write(image);
}

/** The first bytes of a PNG that claims `w × h` pixels: enough for any decoder to read its size. */
export function pngHeaderClaiming(w: number, h: number): Buffer {
  const head = Buffer.from(png(1, 1, 0));
  head.writeUInt32BE(w, 16);
  head.writeUInt32BE(h, 20);
  return head;
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/** One line of text on stderr, no stack trace. */
export function oneLine(stderr: string): boolean {
  const lines = stderr.split('\n').filter((l) => l.trim() !== '' && !/^=+$|Hi, looks like you are running TensorFlow/.test(l));
  return lines.length === 1 && !/^\s+at /m.test(stderr);
}
