/**
 * The shard runs of one grid (`ssad run CONFIG --shard i/n`, made by a Slurm array or a
 * Kubernetes Indexed Job) are one experiment split across machines: the runs view shows them as
 * one group per config hash and shard count, and merges a group into one run. Pure: no vscode.
 */
import { newRunId } from '../../engine/api';
import type { RunResults, RunStatus } from '../../shared/results';

export interface ShardRun {
  runDir: string;
  results: RunResults;
}

export interface ShardGroup {
  /** `<configHash>/<count>`: unique among the groups of a runs folder. */
  key: string;
  /** The config's name (that of the newest shard run). */
  name: string;
  configHash: string;
  count: number;
  /** Every shard run of the group, by shard index, newest first within an index. */
  runs: ShardRun[];
  /** The shard indices that have at least one run, ascending. */
  present: number[];
  /** The shard indices that have none, ascending. */
  missing: number[];
  /** Shard indices with more than one run (a shard trained again), ascending. */
  repeated: number[];
}

/** A top-level entry of the runs view: a run, or the group of a grid's shard runs. */
export type RunsEntry<R extends ShardRun = ShardRun> = { kind: 'run'; run: R } | { kind: 'shards'; group: ShardGroup & { runs: R[] } };

/**
 * Puts the shard runs of each (config hash, shard count) together, in the place of the group's
 * newest run; other runs stay as they are, in their order (the list comes newest first).
 */
export function groupShardRuns<R extends ShardRun>(runs: readonly R[]): Array<RunsEntry<R>> {
  const byKey = new Map<string, R[]>();
  for (const run of runs) {
    const shard = run.results.shard;
    if (!shard) continue;
    const key = groupKey(shard.configHash, shard.count);
    const members = byKey.get(key);
    if (members) members.push(run);
    else byKey.set(key, [run]);
  }
  const entries: Array<RunsEntry<R>> = [];
  const placed = new Set<string>();
  for (const run of runs) {
    const shard = run.results.shard;
    if (!shard) {
      entries.push({ kind: 'run', run });
      continue;
    }
    const key = groupKey(shard.configHash, shard.count);
    if (placed.has(key)) continue;
    placed.add(key);
    entries.push({ kind: 'shards', group: makeGroup(key, byKey.get(key) ?? [run]) });
  }
  return entries;
}

function groupKey(configHash: string, count: number): string {
  return `${configHash}/${count}`;
}

/** `members` in list order (newest first); all share one config hash and count. */
function makeGroup<R extends ShardRun>(key: string, members: R[]): ShardGroup & { runs: R[] } {
  const first = members[0].results;
  const info = first.shard as NonNullable<RunResults['shard']>;
  // Stable sort: within one index the list's order (newest first) stays.
  const runs = [...members].sort((a, b) => (a.results.shard?.index ?? 0) - (b.results.shard?.index ?? 0));
  const perIndex = new Map<number, number>();
  for (const r of runs) {
    const index = r.results.shard?.index ?? 0;
    perIndex.set(index, (perIndex.get(index) ?? 0) + 1);
  }
  const all = Array.from({ length: info.count }, (_, i) => i);
  return {
    key,
    name: first.name,
    configHash: info.configHash,
    count: info.count,
    runs,
    present: all.filter((i) => perIndex.has(i)),
    missing: all.filter((i) => !perIndex.has(i)),
    repeated: all.filter((i) => (perIndex.get(i) ?? 0) > 1),
  };
}

/** "quickstart · shards 2 of 3". */
export function shardGroupLabel(group: ShardGroup): string {
  return `${group.name} · shards ${group.present.length} of ${group.count}`;
}

/** "missing shard 2", "missing shards 0, 2", "all shards"; with "shard 1 twice" when a shard was trained again. */
export function shardGroupDescription(group: ShardGroup): string {
  const parts: string[] = [];
  if (group.missing.length === 0) parts.push('all shards');
  else parts.push(`missing shard${group.missing.length === 1 ? '' : 's'} ${listIndices(group.missing)}`);
  const training = group.runs.filter((r) => r.results.status === 'running').length;
  if (training > 0) parts.push(`${training} training`);
  if (group.repeated.length > 0) parts.push(`shard${group.repeated.length === 1 ? '' : 's'} ${listIndices(group.repeated)} trained more than once`);
  return parts.join(' · ');
}

/** The run of each present shard that a merge takes: a completed one before any other, then the newest. */
export function shardsToMerge<R extends ShardRun>(group: ShardGroup & { runs: R[] }): R[] {
  const chosen = new Map<number, R>();
  for (const run of group.runs) {
    const index = run.results.shard?.index ?? 0;
    const held = chosen.get(index);
    if (!held || (held.results.status !== 'completed' && run.results.status === 'completed')) chosen.set(index, run);
  }
  return [...chosen.entries()].sort(([a], [b]) => a - b).map(([, run]) => run);
}

/**
 * The group's status for its icon: training while a shard trains; completed when every shard has
 * a completed run; failed when a shard run failed; otherwise (shards missing, canceled,
 * interrupted) interrupted: the grid is not whole yet.
 */
export function shardGroupStatus(group: ShardGroup): RunStatus {
  const merged = shardsToMerge(group);
  if (group.runs.some((r) => r.results.status === 'running')) return 'running';
  if (group.missing.length === 0 && merged.every((r) => r.results.status === 'completed')) return 'completed';
  if (merged.some((r) => r.results.status === 'failed')) return 'failed';
  return 'interrupted';
}

/** The id of a merged run's folder: `<timestamp>-<name>-merged`, named as a run started then would be. */
export function mergedRunId(name: string, now: Date): string {
  return `${newRunId(name, now)}-merged`;
}

function listIndices(indices: readonly number[]): string {
  const MAX = 8;
  const shown = indices.slice(0, MAX).join(', ');
  return indices.length > MAX ? `${shown} and ${indices.length - MAX} more` : shown;
}
