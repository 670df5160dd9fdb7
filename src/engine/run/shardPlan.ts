/**
 * Splitting a grid into shards that machines train independently (`ssad run CONFIG --shard i/n`):
 * a balanced, disjoint split that every machine computes alike from the cell ids alone, so a Slurm
 * array index or a Kubernetes completion index is all a shard needs to know.
 */
import { createHash } from 'node:crypto';

/** Which shard: 0 ≤ index < count. */
export interface ShardSpec {
  index: number;
  count: number;
}

export type ShardSpecResult = { ok: true; shard: ShardSpec } | { ok: false; error: string };

const WHOLE = /^\d+$/;

/**
 * Reads `INDEX/COUNT` (0-based index, as `$SLURM_ARRAY_TASK_ID` and `$JOB_COMPLETION_INDEX` are),
 * or says what is wrong with it.
 */
export function parseShardSpec(text: string): ShardSpecResult {
  const parts = text.split('/');
  if (parts.length !== 2) return { ok: false, error: `expected INDEX/COUNT (e.g. 0/4), got "${text}"` };
  const [indexText, countText] = parts;
  if (!WHOLE.test(indexText)) return { ok: false, error: `the index must be a whole number from 0 up, got "${indexText}"` };
  if (!WHOLE.test(countText)) return { ok: false, error: `the count must be a whole number from 1 up, got "${countText}"` };
  const index = Number(indexText);
  const count = Number(countText);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count)) return { ok: false, error: `"${text}" has a number too large` };
  if (count < 1) return { ok: false, error: `the count must be at least 1, got ${count}` };
  if (index >= count) return { ok: false, error: `the index must be below the count (shards of ${count} are numbered 0 to ${count - 1}), got ${index}` };
  return { ok: true, shard: { index, count } };
}

export function formatShard(shard: ShardSpec): string {
  return `${shard.index}/${shard.count}`;
}

/** What a shard's run folder name gets after `<timestamp>-<name>`. */
export function shardRunIdSuffix(shard: ShardSpec): string {
  return `-shard-${shard.index}-of-${shard.count}`;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Every id in the order of its SHA-256 hex: a fixed shuffle that does not depend on the order the
 * ids come in, so augmentations, seeds and classes spread evenly over the shards.
 */
export function shardOrder(ids: readonly string[]): string[] {
  const keyed = ids.map((id) => ({ id, key: sha256(id) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((k) => k.id);
}

/** The ids shard `index` of `count` owns: position k of `shardOrder(ids)` goes to shard k mod count. */
export function cellsOfShard(ids: readonly string[], shard: ShardSpec): string[] {
  return shardOrder(ids).filter((_, k) => k % shard.count === shard.index);
}
