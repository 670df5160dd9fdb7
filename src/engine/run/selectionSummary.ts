/**
 * The run's label-free selection summary: each criterion ranks the candidate augmentations (every
 * trained one but `none`, the reference every criterion would be compared with) and names its
 * pick; then, with the labels the testbed has, each ranking is graded against the true AUROCs.
 *
 * The unit of a decision is a task (seed × normal class): a user with one data set chooses once.
 * So rank agreement is computed per task — Kendall τ-b and Spearman ρ between the criterion
 * (oriented so that higher is better) and AUROC across the candidates, and whether the task's own
 * pick is near the best — and averaged over tasks. The regret is the run's pick's: best mean
 * AUROC over the tasks minus the pick's, next to a random pick's expected regret (so the pick
 * the panel names and its regret are about the same thing). The summary's ranking orders the
 * candidates by their mean rank over tasks, since criteria such as score variance are not on one
 * scale across normal classes (equal mean ranks by the mean value); its first is the pick for the
 * whole run, which with one task is that task's pick.
 */
import { midRanks } from '../metrics/ranks';
import { meanStd } from '../metrics';
import { kendallTau, pickRegret, spearmanRho } from '../selection/rankAgreement';
import type { CellResult } from '../../shared/results';
import {
  CRITERIA,
  goodness,
  type CriterionAgreement,
  type CriterionInfo,
  type CriterionRanking,
  type SelectionSummary,
  type TaskMean,
} from '../../shared/selection';
import { BASELINE } from './summary';

const ALL = 'all';
/** A pick within this AUROC of the best counts as a good pick. */
export const NEAR_BEST_AUROC = 0.01;

function taskKey(cell: CellResult): string {
  return `${cell.seed}\u0000${cell.normalClass}`;
}

function taskMean(values: readonly number[]): TaskMean {
  const finite = values.filter((v) => Number.isFinite(v));
  return { mean: finite.length > 0 ? meanStd(finite).mean : null, n: finite.length };
}

/** A criterion's value of a cell on a test set, when defined. */
function valueOf(cell: CellResult, info: CriterionInfo, testSet: string): number | undefined {
  const v = cell.selection?.byTestSet[testSet]?.values[info.name];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** How one task's ranking by a criterion compares with its AUROCs on one test set. */
export interface TaskGrade {
  tau: number;
  rho: number;
  regret: number;
  randomRegret: number;
  /** The candidate the criterion picks (the first of tied best ones). */
  pick: string;
}

/** The grade of one task (its cells by augmentation), or undefined with fewer than two graded candidates. */
export function gradeTask(info: CriterionInfo, cells: ReadonlyMap<string, CellResult>, candidates: readonly string[], testSet: string): TaskGrade | undefined {
  const names: string[] = [];
  const g: number[] = [];
  const truth: number[] = [];
  for (const a of candidates) {
    const cell = cells.get(a);
    const v = cell && valueOf(cell, info, testSet);
    const auroc = cell?.metrics?.[testSet]?.auroc;
    if (v === undefined || auroc === undefined) continue;
    names.push(a);
    g.push(goodness(info, v));
    truth.push(auroc);
  }
  if (g.length < 2) return undefined;
  const r = pickRegret(g, truth);
  return { tau: kendallTau(g, truth), rho: spearmanRho(g, truth), regret: r.regret, randomRegret: r.randomRegret, pick: names[r.pick] };
}

function agreementOn(info: CriterionInfo, tasks: ReadonlyArray<ReadonlyMap<string, CellResult>>, candidates: readonly string[], testSet: string, pick: string | null): CriterionAgreement {
  const grades = tasks.flatMap((cells) => gradeTask(info, cells, candidates, testSet) ?? []);
  const regret = pickRegretOnMeans(tasks, candidates, testSet, pick);
  return {
    tau: taskMean(grades.map((x) => x.tau)),
    rho: taskMean(grades.map((x) => x.rho)),
    regret: regret ? { mean: regret.regret, n: regret.tasks } : { mean: null, n: 0 },
    randomRegret: regret ? { mean: regret.randomRegret, n: regret.tasks } : { mean: null, n: 0 },
    nearBest: taskMean(grades.map((x) => (x.regret <= NEAR_BEST_AUROC ? 1 : 0))),
  };
}

/** Each candidate's mean AUROC on a test set over the tasks that scored it. */
function meanAurocs(tasks: ReadonlyArray<ReadonlyMap<string, CellResult>>, candidates: readonly string[], testSet: string): Map<string, number> {
  const means = new Map<string, number>();
  for (const a of candidates) {
    const aurocs = tasks.flatMap((cells) => {
      const auroc = cells.get(a)?.metrics?.[testSet]?.auroc;
      return auroc === undefined ? [] : [auroc];
    });
    if (aurocs.length > 0) means.set(a, meanStd(aurocs).mean);
  }
  return means;
}

/** The regret of the run's pick on mean AUROCs, and a random pick's; undefined without a pick. */
function pickRegretOnMeans(
  tasks: ReadonlyArray<ReadonlyMap<string, CellResult>>,
  candidates: readonly string[],
  testSet: string,
  pick: string | null,
): { regret: number; randomRegret: number; tasks: number } | undefined {
  const means = meanAurocs(tasks, candidates, testSet);
  const picked = pick === null ? undefined : means.get(pick);
  if (picked === undefined || means.size < 2) return undefined;
  const values = [...means.values()];
  const best = Math.max(...values);
  const count = tasks.filter((cells) => cells.get(pick as string)?.metrics?.[testSet]).length;
  return { regret: best - picked, randomRegret: best - meanStd(values).mean, tasks: count };
}

function rankingOf(info: CriterionInfo, tasks: ReadonlyArray<ReadonlyMap<string, CellResult>>, candidates: readonly string[], testSet: string): CriterionRanking['ranking'] {
  const ranks = new Map<string, number[]>();
  const values = new Map<string, number[]>();
  for (const cells of tasks) {
    const here = candidates.flatMap((a) => {
      const cell = cells.get(a);
      const v = cell && valueOf(cell, info, testSet);
      return v === undefined ? [] : [{ a, v }];
    });
    // Rank 1 is the best: mid-ranks of the negated goodness.
    const r = midRanks(here.map((x) => -goodness(info, x.v))).ranks;
    here.forEach((x, i) => {
      ranks.set(x.a, [...(ranks.get(x.a) ?? []), r[i]]);
      values.set(x.a, [...(values.get(x.a) ?? []), x.v]);
    });
  }
  return candidates
    .filter((a) => ranks.has(a))
    .map((a) => ({
      augmentation: a,
      meanRank: meanStd(ranks.get(a) as number[]).mean,
      meanValue: meanStd(values.get(a) as number[]).mean,
      tasks: (ranks.get(a) as number[]).length,
    }))
    // Equal mean ranks (tasks that disagree) are broken by the mean value, then by config order.
    .sort((x, y) => x.meanRank - y.meanRank || goodness(info, y.meanValue) - goodness(info, x.meanValue) || candidates.indexOf(x.augmentation) - candidates.indexOf(y.augmentation));
}

/** Completed cells with criteria, by task (seed × normal class) and then by augmentation. */
export function cellsByTask(cells: readonly CellResult[]): Map<string, Map<string, CellResult>> {
  const byTask = new Map<string, Map<string, CellResult>>();
  for (const c of cells) {
    if (c.status !== 'completed' || !c.metrics || !c.selection) continue;
    const cellsOfTask = byTask.get(taskKey(c)) ?? new Map<string, CellResult>();
    cellsOfTask.set(c.augmentation, c);
    byTask.set(taskKey(c), cellsOfTask);
  }
  return byTask;
}

/** The selection summary of a run's cells, or undefined when no completed cell measured the criteria. */
export function summarizeSelection(cells: readonly CellResult[], augmentations: readonly string[], anomalyTypes: readonly string[]): SelectionSummary | undefined {
  const done = cells.filter((c) => c.status === 'completed' && c.metrics && c.selection);
  if (done.length === 0) return undefined;
  const candidates = augmentations.filter((a) => a !== BASELINE && done.some((c) => c.augmentation === a));
  const tasks = [...cellsByTask(done).values()];
  const testSets = [ALL, ...anomalyTypes.filter((t) => done.some((c) => c.selection?.byTestSet[t]))];
  const criteria = CRITERIA.map((info): CriterionRanking => {
    const ranking = rankingOf(info, tasks, candidates, ALL);
    const agreement: Record<string, CriterionAgreement> = {};
    const picks: Record<string, string | null> = {};
    for (const t of testSets) {
      picks[t] = t === ALL ? (ranking[0]?.augmentation ?? null) : (rankingOf(info, tasks, candidates, t)[0]?.augmentation ?? null);
      agreement[t] = agreementOn(info, tasks, candidates, t, picks[t]);
    }
    const entry: CriterionRanking = { name: info.name, ranking, pick: ranking[0]?.augmentation ?? null, picks, agreement };
    if (!entry.pick) {
      entry.note = candidates.length === 0 ? 'no augmentation other than "none" was trained' : 'undefined on every trained cell';
    }
    return entry;
  });
  const bestByAuroc: Record<string, string | null> = {};
  for (const t of testSets) {
    const means = [...meanAurocs(tasks, candidates, t)];
    bestByAuroc[t] = means.length === 0 ? null : means.reduce((b, x) => (x[1] > b[1] ? x : b))[0];
  }
  return { candidates, tasks: tasks.length, criteria, bestByAuroc };
}
