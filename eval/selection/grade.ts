/**
 * Grading the label-free criteria over a suite of testbeds. A testbed is one decision a user
 * would face: one task (seed × normal class) and one unlabeled test set — the normal test images
 * plus one anomaly mechanism (synthetic testbeds: each type on its own), or the whole one-vs-rest
 * test set (semantic testbeds). The criteria were computed on exactly that unlabeled set by the
 * training processes; labels enter only here, to grade the pick.
 */
import { cellsByTask, gradeTask, NEAR_BEST_AUROC, type TaskGrade } from '../../src/engine/run/selectionSummary';
import type { RunResults } from '../../src/shared/results';
import { fixedOrDash } from '../../src/shared/resultsView/selectionText';
import { CRITERIA, type CriterionName } from '../../src/shared/selection';

export interface Testbed {
  run: string;
  task: string;
  testSet: string;
  candidates: string[];
  grades: Partial<Record<CriterionName, TaskGrade>>;
  /** The best candidate by AUROC on this test set. */
  best: string;
  /** Each candidate's AUROC on this test set. */
  aurocs: number[];
}

/** Every testbed of a finished run. */
export function testbedsOf(results: RunResults): Testbed[] {
  const candidates = results.augmentations.filter((a) => a !== 'none');
  const testSets = results.config.testbed.type === 'semantic' ? ['all'] : results.anomalyTypes;
  const out: Testbed[] = [];
  for (const [key, cells] of cellsByTask(results.cells)) {
    for (const testSet of testSets) {
      const grades: Partial<Record<CriterionName, TaskGrade>> = {};
      for (const info of CRITERIA) {
        const g = gradeTask(info, cells, candidates, testSet);
        if (g) grades[info.name] = g;
      }
      const scored = candidates.filter((a) => cells.get(a)?.metrics?.[testSet]);
      if (scored.length < 2) continue;
      const aurocs = scored.map((a) => cells.get(a)?.metrics?.[testSet].auroc as number);
      const best = scored[aurocs.indexOf(Math.max(...aurocs))];
      out.push({ run: results.name, task: key.replace('\u0000', ' · class '), testSet, candidates: scored, grades, best, aurocs });
    }
  }
  return out;
}

export interface CriterionScore {
  /** A criterion, or `random` for the expectation of a uniformly random pick. */
  criterion: CriterionName | 'random';
  testbeds: number;
  meanTau: number | null;
  /** Share of testbeds whose pick is the best candidate or within NEAR_BEST_AUROC of it. */
  nearBest: number | null;
  meanRegret: number | null;
  meanRandomRegret: number | null;
  /** Testbeds where the pick's regret is below a random pick's expected regret. */
  beatsRandom: number;
}

const mean = (xs: readonly number[]): number | null => {
  const finite = xs.filter((x) => Number.isFinite(x));
  return finite.length === 0 ? null : finite.reduce((a, b) => a + b, 0) / finite.length;
};

/** What a uniformly random pick scores in expectation: τ 0, and the share of near-best candidates. */
function randomScore(testbeds: readonly Testbed[]): CriterionScore {
  const regrets = testbeds.map((t) => Math.max(...t.aurocs) - t.aurocs.reduce((a, b) => a + b, 0) / t.aurocs.length);
  const near = testbeds.map((t) => t.aurocs.filter((a) => Math.max(...t.aurocs) - a <= NEAR_BEST_AUROC).length / t.aurocs.length);
  return {
    criterion: 'random',
    testbeds: testbeds.length,
    meanTau: testbeds.length > 0 ? 0 : null,
    nearBest: mean(near),
    meanRegret: mean(regrets),
    meanRandomRegret: mean(regrets),
    beatsRandom: 0,
  };
}

export function scoreCriteria(testbeds: readonly Testbed[]): CriterionScore[] {
  return [...CRITERIA.map((info) => {
    const grades = testbeds.flatMap((t) => t.grades[info.name] ?? []);
    return {
      criterion: info.name,
      testbeds: grades.length,
      meanTau: mean(grades.map((g) => g.tau)),
      nearBest: grades.length === 0 ? null : grades.filter((g) => g.regret <= NEAR_BEST_AUROC).length / grades.length,
      meanRegret: mean(grades.map((g) => g.regret)),
      meanRandomRegret: mean(grades.map((g) => g.randomRegret)),
      beatsRandom: grades.filter((g) => g.regret < g.randomRegret).length,
    };
  }), randomScore(testbeds)];
}

const num = fixedOrDash;

/** The README's table. */
export function scoresTableMarkdown(scores: readonly CriterionScore[]): string {
  const label = (name: CriterionName | 'random'): string => {
    if (name === 'random') return '*random pick (expected)*';
    const info = CRITERIA.find((c) => c.name === name);
    return info ? `${info.label} (${info.better} is better)` : name;
  };
  const rows = scores.map(
    (s) =>
      `| ${label(s.criterion)} | ${s.testbeds} | ${num(s.meanTau, 2)} | ${s.nearBest === null ? '—' : `${Math.round(s.nearBest * 100)} %`} | ${num(s.meanRegret, 3)} | ${num(s.meanRandomRegret, 3)} | ${s.criterion === 'random' ? '—' : `${s.beatsRandom}/${s.testbeds}`} |`,
  );
  return [
    '| criterion | testbeds | mean τ | pick best or within 0.01 | mean regret | random pick\'s regret | regret below random |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}
