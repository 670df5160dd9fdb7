import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { resolveInsideRun } from '../../engine/api';
import type { CellDetail } from '../../shared/protocol';
import { isPooledOneVsOne, ONE_VS_ONE, type CellScores, type RunResults } from '../../shared/results';
import { areaUnder, rocPoints, scoreHistogram, thinPoints } from '../../shared/resultsView/roc';
import { errorMessage } from '../../shared/errorMessage';

/** More points than a panel-wide chart has pixels is wasted snapshot size. */
const MAX_ROC_POINTS = 400;

function isCellScores(value: unknown): value is CellScores {
  const v = value as CellScores;
  return !!v && Array.isArray(v.sampleType) && Array.isArray(v.score) && v.sampleType.length === v.score.length;
}

/**
 * ROC curves (one per seed × normal class of the augmentation) and the score histogram of the
 * first of them, recomputed from `scores/<cellId>.json`.
 */
export async function readCellDetail(runDir: string, results: RunResults, augmentation: string, anomalyType: string): Promise<CellDetail> {
  const detail: CellDetail = { augmentation, anomalyType, roc: [] };
  if (isPooledOneVsOne(anomalyType, results.anomalyTypes)) {
    return { ...detail, problem: `${ONE_VS_ONE} pools every normal class against every other class; click one class's column for its ROC curves.` };
  }
  const cells = results.cells.filter((c) => c.augmentation === augmentation && c.status === 'completed');
  if (cells.length === 0) return { ...detail, problem: `No completed cell for ${augmentation} yet.` };
  const problems: string[] = [];
  for (const cell of cells) {
    const named = cell.scoresFile ?? `scores/${cell.id}.json`;
    const file = path.join(runDir, named);
    let scores: unknown;
    try {
      // Only a file inside the run folder: a crafted scoresFile never reads anything else.
      scores = JSON.parse(await readFile(resolveInsideRun(runDir, named), 'utf8'));
    } catch (err) {
      problems.push(`${path.basename(file)}: ${errorMessage(err)}`);
      continue;
    }
    if (!isCellScores(scores)) {
      problems.push(`${path.basename(file)} is not a scores file`);
      continue;
    }
    const points = rocPoints(scores, anomalyType);
    if (points.length === 0) continue;
    detail.roc.push({ cellId: cell.id, label: `seed ${cell.seed} · class ${cell.normalClass}`, auc: areaUnder(points), points: thinPoints(points, MAX_ROC_POINTS) });
    if (!detail.histogram) detail.histogram = { cellId: cell.id, ...scoreHistogram(scores) };
  }
  if (detail.roc.length === 0) detail.problem = problems.join('; ') || `No scores for ${anomalyType}.`;
  return detail;
}
