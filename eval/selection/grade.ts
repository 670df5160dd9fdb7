/**
 * Grading the label-free criteria over a suite of testbeds. A testbed is one decision a user
 * would face: one task (seed × normal class) and one unlabeled test set — the normal test images
 * plus one anomaly mechanism (synthetic testbeds: each type on its own), or the whole one-vs-rest
 * test set (semantic testbeds). The criteria were computed on exactly that unlabeled set by the
 * training processes; labels enter only here, to grade the pick.
 */
import { cellsByTask, gradeTask, NEAR_BEST_AUROC, type TaskGrade } from '../../src/engine/run/selectionSummary';
import type { RunResults } from '../../src/shared/results';
import { CRITERIA, type CriterionName } from '../../src/shared/selection';

export interface Testbed {
  run: string;
  task: string;
  testSet: string;
  candidates: string[];
  grades: Partial<Record<CriterionName, TaskGrade>>;
  /** The best candidate by AUROC on this test set. */
  best: string;
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
      const best = scored.reduce((b, a) => ((cells.get(a)?.metrics?.[testSet].auroc ?? -1) > (cells.get(b)?.metrics?.[testSet].auroc ?? -1) ? a : b));
      out.push({ run: results.name, task: key.replace('\u0000', ' · class '), testSet, candidates: scored, grades, best });
    }
  }
  return out;
}

export interface CriterionScore {
  criterion: CriterionName;
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

export function scoreCriteria(testbeds: readonly Testbed[]): CriterionScore[] {
  return CRITERIA.map((info) => {
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
  });
}

const num = (x: number | null, digits: number): string => (x === null ? '—' : x.toFixed(digits).replace(/^-/, '−'));

/** The README's table. */
export function markdownTable(scores: readonly CriterionScore[]): string {
  const label = (name: CriterionName): string => {
    const info = CRITERIA.find((c) => c.name === name);
    return info ? `${info.label} (${info.better} is better)` : name;
  };
  const rows = scores.map(
    (s) =>
      `| ${label(s.criterion)} | ${s.testbeds} | ${num(s.meanTau, 2)} | ${s.nearBest === null ? '—' : `${Math.round(s.nearBest * 100)} %`} | ${num(s.meanRegret, 3)} | ${num(s.meanRandomRegret, 3)} | ${s.beatsRandom}/${s.testbeds} |`,
  );
  return [
    '| criterion | testbeds | mean τ | pick best or within 0.01 | mean regret | random pick\'s regret | regret below random |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}
