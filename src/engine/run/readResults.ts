/**
 * Reading run folders back: the results of any earlier schema version this build understands, a
 * clear error for a folder written by a newer version or with a broken structure, and a run list
 * that survives broken folders (each is reported, none hides the others). A run whose file says
 * `running` but whose process is gone reads as `interrupted`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRIC_NAMES, RESULTS_SCHEMA_VERSION, RUN_STATUSES, CELL_STATUSES, type RunResults } from '../../shared/results';
import { ownerAlive, readOwner } from './runFolder';

export class RunFolderError extends Error {
  constructor(
    readonly runDir: string,
    message: string,
  ) {
    super(message);
    this.name = 'RunFolderError';
  }
}

/** `results.json` as written, checked and upgraded; `status` as the file says. */
export function readRunResultsFile(runDir: string): RunResults {
  const file = join(runDir, 'results.json');
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RunFolderError(runDir, `${file}: cannot read the results: ${(error as Error).message}`);
  }
  return upgradeResults(data, file, runDir);
}

/** The run's results with its live status: `interrupted` when it says `running` and its process is gone. */
export function readRunResults(runDir: string): RunResults {
  return withLiveStatus(runDir, readRunResultsFile(runDir));
}

/**
 * `results` with `status: "interrupted"` when the file says `running` but no process trains the
 * run any more (its owner file is missing, its process is dead, or its heartbeat is stale).
 */
export function withLiveStatus(runDir: string, results: RunResults): RunResults {
  if (results.status !== 'running' || ownerAlive(readOwner(runDir))) return results;
  const open = results.cells.filter((c) => c.status === 'pending' || c.status === 'running').length;
  return {
    ...results,
    status: 'interrupted',
    error:
      results.error ??
      `the process that trained this run stopped before it finished (${open} of ${results.cells.length} cells not done); resume it with "ssad run --resume <run folder>" or SSAD: Resume Run`,
  };
}

/** Checks the version and structure and brings an older layout up to the current one. */
export function upgradeResults(data: unknown, file: string, runDir = ''): RunResults {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new RunFolderError(runDir, `${file}: not a results object`);
  const version = (data as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new RunFolderError(runDir, `${file}: missing or invalid schemaVersion (${JSON.stringify(version)})`);
  }
  if (version > RESULTS_SCHEMA_VERSION) {
    throw new RunFolderError(
      runDir,
      `${file}: written by a newer SSAD Lab (results schema ${version}; this version reads up to ${RESULTS_SCHEMA_VERSION}). Update SSAD Lab to open it.`,
    );
  }
  // Version 2 only adds optional fields (label-free selection) to version 1: both read as they are.
  const problems = resultsProblems(data as Record<string, unknown>);
  if (problems.length > 0) {
    const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
    throw new RunFolderError(runDir, `${file}: not a valid results file: ${problems.slice(0, 3).join('; ')}${more}`);
  }
  return data as RunResults;
}

// ---- structure ------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function kind(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumberOrNull = (v: unknown): boolean => v === null || typeof v === 'number';

class Checker {
  readonly problems: string[] = [];

  need(ok: boolean, what: string, value: unknown): boolean {
    if (!ok) this.problems.push(`${what} (got ${value === undefined ? 'nothing' : kind(value)})`);
    return ok;
  }

  string(o: Json, key: string, at: string, optional = false): void {
    if (optional && o[key] === undefined) return;
    this.need(typeof o[key] === 'string', `${at}${key} must be a string`, o[key]);
  }

  number(o: Json, key: string, at: string, optional = false): void {
    if (optional && o[key] === undefined) return;
    this.need(typeof o[key] === 'number', `${at}${key} must be a number`, o[key]);
  }

  strings(o: Json, key: string, at: string): void {
    const v = o[key];
    this.need(Array.isArray(v) && v.every((s) => typeof s === 'string'), `${at}${key} must be a list of strings`, v);
  }
}

/** A plain file-name id: no path separators, not `.` or `..`. */
function plainName(v: unknown): boolean {
  return typeof v === 'string' && v !== '' && v !== '.' && v !== '..' && !/[\\/\0]/.test(v);
}

function metricsProblems(c: Checker, metrics: unknown, at: string, withStats: boolean): void {
  if (!c.need(isObject(metrics), `${at} must be an object`, metrics)) return;
  if (withStats) {
    for (const name of METRIC_NAMES) {
      const stat = (metrics as Json)[name];
      if (!c.need(isObject(stat), `${at}.${name} must be an object`, stat)) continue;
      c.need(isNumberOrNull((stat as Json).mean), `${at}.${name}.mean must be a number`, (stat as Json).mean);
    }
    return;
  }
  for (const [type, set] of Object.entries(metrics as Json)) {
    if (!c.need(isObject(set), `${at}["${type}"] must be an object`, set)) continue;
    c.need(isNumberOrNull((set as Json).auroc), `${at}["${type}"].auroc must be a number`, (set as Json).auroc);
  }
}

const hasNumbers = (v: unknown, keys: readonly string[]): boolean => isObject(v) && keys.every((k) => typeof v[k] === 'number');

/**
 * The comparison with `none` that readers print: every field is optional (files from before a
 * field existed lack it), but one that is there must have the numbers the tables and exports use.
 */
function comparisonProblems(c: Checker, entry: Json, at: string): void {
  c.string(entry, 'pairing', at, true);
  c.number(entry, 'pairs', at, true);
  c.string(entry, 'wilcoxonNote', at, true);
  if (entry.deltaAurocVsNone !== undefined) {
    c.need(isObject(entry.deltaAurocVsNone) && isNumberOrNull(entry.deltaAurocVsNone.mean), `${at}deltaAurocVsNone must be { mean, std, n }`, entry.deltaAurocVsNone);
  }
  if (entry.deltaCi !== undefined) {
    c.need(hasNumbers(entry.deltaCi, ['level', 'low', 'high', 'resamples', 'seed']), `${at}deltaCi must be { level, low, high, resamples, seed }`, entry.deltaCi);
  }
  if (entry.wilcoxonVsNone !== undefined) {
    const w = entry.wilcoxonVsNone;
    c.need(hasNumbers(w, ['statistic', 'pValue', 'n']) && typeof (w as Json).method === 'string', `${at}wilcoxonVsNone must be { statistic, pValue, n, method }`, w);
  }
}

/** What is wrong with the structure of parsed results (empty when every reader can use it). */
export function resultsProblems(r: Json): string[] {
  const c = new Checker();
  c.need(plainName(r.id), 'id must be a plain name (no / or \\)', r.id);
  c.string(r, 'name', '');
  c.need((RUN_STATUSES as readonly unknown[]).includes(r.status), `status must be one of ${RUN_STATUSES.join(', ')}`, r.status);
  c.need(typeof r.createdAt === 'string', 'createdAt must be a date string', r.createdAt);
  if (c.need(isObject(r.config), 'config must be an object', r.config)) {
    const seeds = (r.config as Json).seeds;
    if (seeds !== undefined) c.need(Array.isArray(seeds) && seeds.every((s) => typeof s === 'number'), 'config.seeds must be a list of numbers', seeds);
  }
  if (c.need(isObject(r.scale), 'scale must be an object', r.scale)) {
    for (const key of ['trainImages', 'testImages', 'epochs']) c.number(r.scale as Json, key, 'scale.', true);
  }
  c.strings(r, 'augmentations', '');
  c.strings(r, 'anomalyTypes', '');
  c.strings(r, 'normalClasses', '');
  if (c.need(Array.isArray(r.cells), 'cells must be a list', r.cells)) {
    (r.cells as unknown[]).forEach((raw, i) => {
      const at = `cells[${i}].`;
      if (!c.need(isObject(raw), `cells[${i}] must be an object`, raw)) return;
      const cell = raw as Json;
      c.need(plainName(cell.id), `${at}id must be a plain name`, cell.id);
      c.string(cell, 'augmentation', at);
      c.number(cell, 'seed', at);
      c.string(cell, 'normalClass', at);
      c.need((CELL_STATUSES as readonly unknown[]).includes(cell.status), `${at}status must be one of ${CELL_STATUSES.join(', ')}`, cell.status);
      c.need(Array.isArray(cell.loss) && (cell.loss as unknown[]).every(isNumberOrNull), `${at}loss must be a list of numbers`, cell.loss);
      c.string(cell, 'error', at, true);
      c.string(cell, 'scoresFile', at, true);
      if (cell.metrics !== undefined) metricsProblems(c, cell.metrics, `${at}metrics`, false);
      if (cell.selection !== undefined) cellSelectionProblems(c, cell.selection, `${at}selection`);
    });
  }
  if (c.need(Array.isArray(r.summary), 'summary must be a list', r.summary)) {
    (r.summary as unknown[]).forEach((raw, i) => {
      const at = `summary[${i}].`;
      if (!c.need(isObject(raw), `summary[${i}] must be an object`, raw)) return;
      const entry = raw as Json;
      c.string(entry, 'augmentation', at);
      c.string(entry, 'anomalyType', at);
      metricsProblems(c, entry.metrics, `${at}metrics`, true);
      comparisonProblems(c, entry, at);
    });
  }
  c.string(r, 'error', '', true);
  c.string(r, 'finishedAt', '', true);
  c.number(r, 'totalSeconds', '', true);
  c.string(r, 'samplesFile', '', true);
  if (r.backend !== undefined && c.need(isObject(r.backend), 'backend must be an object', r.backend)) c.string(r.backend as Json, 'name', 'backend.');
  if (r.skipped !== undefined) {
    c.need(Array.isArray(r.skipped) && r.skipped.every((s) => isObject(s) && typeof s.file === 'string' && typeof s.reason === 'string'), 'skipped must be a list of { file, reason }', r.skipped);
  }
  if (r.warnings !== undefined) c.strings(r, 'warnings', '');
  if (r.selection !== undefined) selectionSummaryProblems(c, r.selection);
  if (r.shard !== undefined) shardProblems(c, r.shard);
  if (r.mergedFrom !== undefined) {
    const ok = Array.isArray(r.mergedFrom) && r.mergedFrom.every((m) => isObject(m) && typeof m.runId === 'string' && isIndex(m.index) && (m.backend === undefined || typeof m.backend === 'string'));
    c.need(ok, 'mergedFrom must be a list of { runId, index, backend? }', r.mergedFrom);
  }
  return c.problems;
}

/** A cell's label-free criteria (schema 2): every value a number or null. */
function cellSelectionProblems(c: Checker, selection: unknown, at: string): void {
  if (!c.need(isObject(selection) && isObject(selection.byTestSet), `${at} must be { byTestSet, sizes, seconds }`, selection)) return;
  for (const [key, set] of Object.entries((selection as Json).byTestSet as Json)) {
    const values = isObject(set) ? set.values : undefined;
    c.need(isObject(values) && Object.values(values).every(isNumberOrNull), `${at}.byTestSet["${key}"].values must map criteria to numbers or null`, values);
  }
}

/** The run's selection summary (schema 2): what the CLI and the panel print from it. */
function selectionSummaryProblems(c: Checker, selection: unknown): void {
  if (!c.need(isObject(selection), 'selection must be an object', selection)) return;
  const s = selection as Json;
  c.strings(s, 'candidates', 'selection.');
  if (!c.need(Array.isArray(s.criteria), 'selection.criteria must be a list', s.criteria)) return;
  (s.criteria as unknown[]).forEach((raw, i) => {
    const at = `selection.criteria[${i}]`;
    const ok = isObject(raw) && typeof raw.name === 'string' && Array.isArray(raw.ranking) && (raw.pick === null || typeof raw.pick === 'string') && isObject(raw.agreement);
    c.need(ok, `${at} must be { name, ranking, pick, agreement }`, raw);
  });
}

const isIndex = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A shard run's `shard`: merging and resuming trust its numbers, so each is checked. */
function shardProblems(c: Checker, shard: unknown): void {
  if (!c.need(isObject(shard), 'shard must be an object', shard)) return;
  const s = shard as Json;
  if (c.need(isIndex(s.count) && s.count >= 1, 'shard.count must be a whole number from 1 up', s.count)) {
    c.need(isIndex(s.index) && s.index < (s.count as number), `shard.index must be a whole number from 0 to ${(s.count as number) - 1}`, s.index);
  }
  c.need(typeof s.configHash === 'string' && /^[0-9a-f]{64}$/.test(s.configHash), 'shard.configHash must be a SHA-256 hex string', s.configHash);
  c.strings(s, 'cells', 'shard.');
}

/** Newest first by `createdAt`, then by id (stable for equal or unparsable dates). */
export function newestFirst(a: { results: RunResults }, b: { results: RunResults }): number {
  return b.results.createdAt.localeCompare(a.results.createdAt) || b.results.id.localeCompare(a.results.id);
}
