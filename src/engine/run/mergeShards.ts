/**
 * Puts the shard runs of one grid (`ssad run CONFIG --shard i/n` on many machines) back together
 * as one run folder that every reader opens like any other. Training is deterministic per cell, so
 * the merged run equals, cell for cell, a single-process run of the same config; the summary is
 * recomputed from the merged cells.
 *
 * Two kinds of trouble, kept apart:
 * - folders that cannot make one grid (not shard runs, different configs or shard counts, the same
 *   shard twice, a cell in two shards): a MergeError, and nothing is written;
 * - shards or cells that are missing or did not complete: the merged folder is written anyway,
 *   `failed`, with the missing cells as `canceled` placeholders (so that `ssad run --resume` on
 *   it trains just those) and listed in `error` and in the returned `missing`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import {
  RESULTS_SCHEMA_VERSION,
  type BackendInfo,
  type CellResult,
  type MergedShard,
  type RunResults,
  type ShardInfo,
} from '../../shared/results';
import { describeFsError, makeDirs, writeFileAtomic, writeJsonAtomic } from './atomicFile';
import { gridCells, type CellPlan } from './cellPlan';
import { readRunResults } from './readResults';
import { readRunFile, resolveInsideRun } from './runFolder';
import { cellsOfShard, formatShard, shardOrder, type ShardSpec } from './shardPlan';
import { summarizeRun } from './runSummaries';
import { errorMessage } from '../../shared/errorMessage';

/** Folders that cannot be merged into one grid; nothing was written. */
export class MergeError extends Error {
  override readonly name = 'MergeError';
}

export interface MergeOptions {
  /** The run folder to create: it must not exist, or be an empty folder. */
  out: string;
  /** Shard run folders, in any order. */
  shardDirs: readonly string[];
  /** The merge's time (tests fix it). */
  now?: Date;
}

export interface MergeResult {
  runId: string;
  runDir: string;
  /** What was written to `runDir/results.json`. */
  results: RunResults;
  /** Cells of the grid that no merged shard completed, in run order (empty when `completed`). */
  missing: string[];
  /** Indices of the shards that were not among the folders. */
  missingShards: number[];
}

/** How many missing cell ids the error names before it only counts the rest. */
export const MISSING_NAMED = 20;

interface Shard {
  /** The folder as the caller named it (for messages). */
  name: string;
  dir: string;
  results: RunResults;
  info: ShardInfo;
}

export function mergeShards(options: MergeOptions): MergeResult {
  const runDir = resolve(options.out);
  checkOut(options.out, runDir);
  if (options.shardDirs.length === 0) throw new MergeError('no shard run folders to merge');
  const shards = options.shardDirs.map(readShard).sort((a, b) => a.info.index - b.info.index);
  checkSameGrid(shards);
  const grid = gridOf(shards);
  const now = (options.now ?? new Date()).toISOString();
  const count = shards[0].info.count;
  const given = new Set(shards.map((s) => s.info.index));
  const missingShards = Array.from({ length: count }, (_, i) => i).filter((i) => !given.has(i));

  try {
    makeDirs(runDir);
  } catch (error) {
    throw new MergeError(`cannot create the merged run folder ${options.out}: ${describeFsError(error)}`);
  }
  const warnings: string[] = [];
  const owner = new Map(shardOrder(grid.map((c) => c.id)).map((id, k) => [id, k % count]));
  const byIndex = new Map(shards.map((s) => [s.info.index, s]));
  const recorded = new Map(shards.flatMap((s) => s.results.cells.map((c) => [c.id, c] as const)));
  const cells = grid.map((plan) => {
    const index = owner.get(plan.id) ?? -1;
    return mergedCell(plan, { index, count }, byIndex.get(index), recorded.get(plan.id), runDir, warnings);
  });
  const missing = cells.filter((c) => c.status !== 'completed').map((c) => c.id);
  const samplesFile = copySamples(shards, runDir, warnings);
  const results = mergedResults(shards, cells, { runId: basename(runDir), now, warnings });
  if (samplesFile) results.samplesFile = samplesFile;
  if (grid.length === 0) {
    results.status = 'failed';
    results.error = 'no shard got as far as planning its cells (each stopped before training), so the grid is unknown; run the shards again';
  } else if (missing.length > 0) {
    results.status = 'failed';
    results.error = missingText(missing, grid.length, missingShards, count);
  }
  writeJsonAtomic(join(runDir, 'results.json'), results);
  return { runId: results.id, runDir, results, missing, missingShards };
}

/** "3 of 8 cells are missing or did not complete (shard 2/3 not merged): a, b, c". */
export function missingText(missing: readonly string[], total: number, missingShards: readonly number[], count: number): string {
  const shards = missingShards.length > 0 ? ` (shard${missingShards.length === 1 ? '' : 's'} ${missingShards.map((i) => `${i}/${count}`).join(', ')} not merged)` : '';
  const more = missing.length > MISSING_NAMED ? ` and ${missing.length - MISSING_NAMED} more` : '';
  return `${missing.length} of ${total} cells are missing or did not complete${shards}: ${missing.slice(0, MISSING_NAMED).join(', ')}${more}`;
}

// ---- checks (nothing is written until they pass) ---------------------------------------------

function checkOut(name: string, runDir: string): void {
  if (!existsSync(runDir)) return;
  let empty: boolean;
  try {
    if (!statSync(runDir).isDirectory()) throw new MergeError(`${name} is a file; the merged run needs a new (or empty) folder`);
    empty = readdirSync(runDir).length === 0;
  } catch (error) {
    if (error instanceof MergeError) throw error;
    throw new MergeError(`cannot read ${name}: ${describeFsError(error)}`);
  }
  if (!empty) throw new MergeError(`${name} exists and is not empty; the merged run needs a new (or empty) folder`);
}

function readShard(name: string): Shard {
  const dir = resolve(name);
  if (!existsSync(join(dir, 'results.json'))) throw new MergeError(`${name} is not a run folder (it has no results.json)`);
  let results: RunResults;
  try {
    results = readRunResults(dir);
  } catch (error) {
    throw new MergeError(errorMessage(error));
  }
  if (!results.shard) throw new MergeError(`${name} is not a shard run (its results.json has no "shard"; shard runs come from "ssad run CONFIG --shard i/n")`);
  return { name, dir, results, info: results.shard };
}

/** Same config, same number of shards, each shard once, no cell twice. */
function checkSameGrid(shards: readonly Shard[]): void {
  const byHash = groupBy(shards, (s) => s.info.configHash);
  if (byHash.size > 1) {
    const groups = [...byHash.entries()].map(([hash, group]) => `config ${hash.slice(0, 12)}…: ${group.map((s) => s.name).join(', ')}`);
    throw new MergeError(`the shards come from different configs (their config hashes differ): ${groups.join('; ')}`);
  }
  const byCount = groupBy(shards, (s) => s.info.count);
  if (byCount.size > 1) {
    const groups = [...byCount.entries()].map(([count, group]) => `of ${count}: ${group.map((s) => s.name).join(', ')}`);
    throw new MergeError(`the shards split the grid into different numbers of shards: ${groups.join('; ')}`);
  }
  for (const group of groupBy(shards, (s) => s.info.index).values()) {
    if (group.length > 1) throw new MergeError(`${group.map((s) => s.name).join(' and ')} are ${group.length === 2 ? 'both' : 'all'} shard ${formatShard(group[0].info)}`);
  }
  const holder = new Map<string, Shard>();
  for (const shard of shards) {
    for (const id of new Set([...shard.info.cells, ...shard.results.cells.map((c) => c.id)])) {
      const other = holder.get(id);
      if (other) throw new MergeError(`${other.name} (shard ${formatShard(other.info)}) and ${shard.name} (shard ${formatShard(shard.info)}) both hold cell ${id}`);
      holder.set(id, shard);
    }
  }
}

/**
 * The whole grid, in run order, from the shards that planned it (a shard that stopped before
 * planning knows no normal classes). Their grids and their own cells must be the ones the config
 * and the shard split give; anything else means the machines saw different data or versions.
 */
function gridOf(shards: readonly Shard[]): CellPlan[] {
  const planned = shards.filter((s) => s.results.normalClasses.length > 0);
  const first = planned[0];
  if (!first) return [];
  for (const s of planned.slice(1)) {
    for (const key of ['augmentations', 'normalClasses', 'anomalyTypes'] as const) {
      const [a, b] = [JSON.stringify(first.results[key]), JSON.stringify(s.results[key])];
      if (a !== b) {
        throw new MergeError(`${first.name} and ${s.name} have the same config but different ${key} (${a} and ${b}): the machines saw different data or SSAD Lab versions`);
      }
    }
  }
  const grid = gridCells(first.results.augmentations, first.results.config.seeds, first.results.normalClasses);
  const ids = grid.map((c) => c.id);
  for (const s of shards) {
    const owned = s.results.normalClasses.length > 0 ? cellsOfShard(ids, s.info) : [];
    if (JSON.stringify(s.info.cells) !== JSON.stringify(owned)) {
      throw new MergeError(`${s.name} does not hold the cells that shard ${formatShard(s.info)} of this grid owns (made by another SSAD Lab version?)`);
    }
    const mine = new Set(owned);
    const stray = s.results.cells.find((c) => !mine.has(c.id));
    if (stray) throw new MergeError(`${s.name} holds cell ${stray.id}, which shard ${formatShard(s.info)} does not own`);
  }
  return grid;
}

// ---- the merged folder ---------------------------------------------------------------------

/** The cell as its shard (the one that owns it, if given) recorded it, its scores copied; a placeholder when there is none. */
function mergedCell(plan: CellPlan, owner: ShardSpec, shard: Shard | undefined, cell: CellResult | undefined, runDir: string, warnings: string[]): CellResult {
  if (!shard || !cell) {
    const why = shard ? `shard ${formatShard(owner)} (${shard.name}) has no result for it` : `shard ${formatShard(owner)} was not merged`;
    return { id: plan.id, augmentation: plan.augmentation, seed: plan.seed, normalClass: plan.normalClass, status: 'canceled', loss: [], error: why };
  }
  if (cell.status === 'pending' || cell.status === 'running') return { ...cell, status: 'canceled' };
  if (cell.status !== 'completed' || !cell.scoresFile) return { ...cell };
  try {
    writeFileAtomic(resolveInsideRun(runDir, cell.scoresFile), readRunFile(shard.dir, cell.scoresFile));
    return { ...cell };
  } catch (error) {
    const why = `its scores file could not be copied from ${shard.name}: ${errorMessage(error)}`;
    warnings.push(`cell ${cell.id}: ${why}`);
    // Without its scores a cell is not done (a resume trains it again), as in any run.
    return { ...cell, status: 'failed', error: why };
  }
}

function mergedResults(shards: readonly Shard[], cells: CellResult[], at: { runId: string; now: string; warnings: string[] }): RunResults {
  const first = shards[0].results;
  const planned = shards.find((s) => s.results.normalClasses.length > 0)?.results ?? first;
  const warnings: string[] = [];
  for (const s of shards) {
    if (s.results.status === 'running') warnings.push(`shard ${formatShard(s.info)} (${s.name}) was still training when it was merged`);
    for (const w of s.results.warnings ?? []) warnings.push(`shard ${formatShard(s.info)}: ${w}`);
  }
  warnings.push(...scaleDisagreements(shards), ...at.warnings);
  const skipped = new Map<string, { file: string; reason: string }>();
  for (const s of shards) for (const k of s.results.skipped ?? []) skipped.set(`${k.file}\0${k.reason}`, k);
  const seconds = shards.map((s) => s.results.totalSeconds).filter((t): t is number => t !== undefined);
  const backend = mergedBackend(shards);
  const mergedFrom: MergedShard[] = shards.map((s) => ({
    runId: s.results.id,
    index: s.info.index,
    ...(s.results.backend ? { backend: s.results.backend.name } : {}),
  }));
  const results: RunResults = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    id: at.runId,
    name: first.name,
    config: first.config,
    status: 'completed',
    ...(backend ? { backend } : {}),
    createdAt: at.now,
    finishedAt: at.now,
    // The shards may run at once: the longest of them is the wall time of the whole.
    ...(seconds.length > 0 ? { totalSeconds: Math.max(...seconds) } : {}),
    scale: {
      ...planned.scale,
      parameters: shards.map((s) => s.results.scale.parameters).find((p) => p !== undefined),
      // Training processes of all shards together.
      parallelism: shards.reduce((sum, s) => sum + (s.results.scale.parallelism ?? 0), 0),
    },
    augmentations: [...planned.augmentations],
    anomalyTypes: [...planned.anomalyTypes],
    normalClasses: [...planned.normalClasses],
    cells,
    ...summarizeRun(cells, planned.augmentations, planned.anomalyTypes, planned.config.testbed.type),
    ...(skipped.size > 0 ? { skipped: [...skipped.values()] } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(first.origin ? { origin: first.origin } : {}),
    mergedFrom,
  };
  if (results.scale.parameters === undefined) delete results.scale.parameters;
  return results;
}

/** The shards' backend when they agree on its name, else `mixed`, naming each shard's. */
export function mergedBackend(shards: ReadonlyArray<{ results: RunResults; info: ShardInfo }>): BackendInfo | undefined {
  const known = shards.filter((s) => s.results.backend);
  if (known.length === 0) return undefined;
  const backends = known.map((s) => s.results.backend as BackendInfo);
  if (new Set(backends.map((b) => b.name)).size === 1) return backends[0];
  const requested = new Set(backends.map((b) => b.requested));
  return {
    name: 'mixed',
    requested: requested.size === 1 ? backends[0].requested : 'mixed',
    detail: known.map((s) => `shard ${formatShard(s.info)}: ${s.results.backend?.name} (${s.results.backend?.detail})`).join('; '),
  };
}

/** Shards of one config that read different amounts of data: the numbers may not compare. */
function scaleDisagreements(shards: readonly Shard[]): string[] {
  const planned = shards.filter((s) => s.results.normalClasses.length > 0);
  const out: string[] = [];
  for (const key of ['trainImages', 'testImages'] as const) {
    const values = new Set(planned.map((s) => s.results.scale[key]));
    if (values.size > 1) out.push(`the shards used different numbers of ${key === 'trainImages' ? 'training' : 'test'} images: ${planned.map((s) => `shard ${formatShard(s.info)} ${s.results.scale[key]}`).join(', ')}`);
  }
  return out;
}

/** The first shard's sample sheet (all shards draw the same one), copied; its path, if any. */
function copySamples(shards: readonly Shard[], runDir: string, warnings: string[]): string | undefined {
  for (const s of shards) {
    const file = s.results.samplesFile;
    if (!file) continue;
    try {
      writeFileAtomic(resolveInsideRun(runDir, file), readRunFile(s.dir, file));
      return file;
    } catch (error) {
      warnings.push(`the sample sheet of shard ${formatShard(s.info)} could not be copied: ${errorMessage(error)}`);
    }
  }
  return undefined;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
