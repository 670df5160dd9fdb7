/**
 * `ssad merge OUT DIR...`: the shard runs of one grid (`ssad run CONFIG --shard i/n`) as one run
 * folder, printed as `ssad run` prints a run. Exit 0 when every cell of the grid is there and
 * completed, 1 when cells are missing (OUT is written anyway, `failed`, naming them), 2 when the
 * folders cannot make one grid (nothing is written).
 */
import { mergeShards, MergeError, type MergeResult } from '../engine/api';
import { EXIT } from './exitCodes';
import { formatMatrix } from './matrix';
import { formatBackendAndScale, reportProblems } from './runReport';

export function mergeCommand(out: string, shardDirs: readonly string[]): number {
  let merged: MergeResult;
  try {
    merged = mergeShards({ out, shardDirs });
  } catch (error) {
    if (error instanceof MergeError) {
      process.stderr.write(`ssad: cannot merge: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
  const { results, runDir, missing } = merged;
  reportProblems(results, true);
  if (results.cells.some((c) => c.status === 'completed')) process.stdout.write(`\n${formatMatrix(results)}\n`);
  const count = results.mergedFrom?.length ?? 0;
  const where = `Run folder: ${runDir}`;
  if (results.status !== 'completed') {
    process.stderr.write(`\nssad: merge incomplete: ${results.error ?? 'unknown error'}\n`);
    const byId = new Map(results.cells.map((c) => [c.id, c]));
    for (const id of missing) process.stderr.write(`  ${id}: ${byId.get(id)?.error ?? byId.get(id)?.status ?? 'missing'}\n`);
    process.stderr.write(
      `Train the missing shards ("ssad run CONFIG --shard i/n") and merge again, or train the missing cells into this folder ("ssad run --resume ${runDir}").\n${where}\n`,
    );
    return EXIT.failed;
  }
  process.stdout.write(`\n${formatBackendAndScale(results)}\nMerged ${count} shard${count === 1 ? '' : 's'}: ${results.cells.length} cells.\n${where}\n`);
  return EXIT.ok;
}
