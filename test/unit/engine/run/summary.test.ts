import { strict as assert } from 'node:assert';
import { bootstrapMeanCi, meanStd, wilcoxonSignedRank } from '../../../../src/engine/metrics';
import { summarize } from '../../../../src/engine/run/summary';
import { ONE_VS_ONE, PAIRING_CLASS_PAIR, PAIRING_TASK, type CellResult, type SummaryEntry } from '../../../../src/shared/results';

const CLASSES = ['a', 'b', 'c'];
const SEEDS = [0, 1, 2];

/** A deterministic, distinct AUROC per (augmentation, seed, normal class, anomaly type). */
function aurocOf(augmentation: string, seed: number, normalClass: string, type: string): number {
  const text = `${augmentation}|${seed}|${normalClass}|${type}`;
  let h = 7;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 1000;
  return 0.5 + h / 2500 + (augmentation === 'rotate' ? 0.02 : 0);
}

function semanticCell(augmentation: string, seed: number, normalClass: string, classes = CLASSES): CellResult {
  const types = [...classes.filter((c) => c !== normalClass), 'all'];
  return {
    id: `${augmentation}-${seed}-${normalClass}`,
    augmentation,
    seed,
    normalClass,
    status: 'completed',
    loss: [],
    metrics: Object.fromEntries(
      types.map((t) => {
        const auroc = aurocOf(augmentation, seed, normalClass, t);
        return [t, { auroc, ap: auroc - 0.1, f1AtK: 0.5, precisionAtK: 0.5 }];
      }),
    ),
  };
}

function semanticCells(augmentations: readonly string[], classes = CLASSES, seeds = SEEDS): CellResult[] {
  return augmentations.flatMap((a) => seeds.flatMap((s) => classes.map((c) => semanticCell(a, s, c, classes))));
}

function find(entries: readonly SummaryEntry[], augmentation: string, anomalyType: string): SummaryEntry {
  const e = entries.find((x) => x.augmentation === augmentation && x.anomalyType === anomalyType);
  assert.ok(e, `${augmentation} × ${anomalyType}`);
  return e;
}

describe('results summary', () => {
  it('per anomaly type: pairs are seed × normal class, with Δ, its bootstrap interval and the Wilcoxon test', () => {
    const cells = semanticCells(['none', 'rotate']);
    const entries = summarize(cells, ['none', 'rotate'], CLASSES, 'synthetic');
    const e = find(entries, 'rotate', 'a');
    assert.equal(e.pairing, PAIRING_TASK);
    // Class a is an anomaly type for the normal classes b and c: 3 seeds × 2 classes.
    assert.equal(e.pairs, 6);
    assert.equal(e.metrics.auroc.n, 6);
    const tasks = cells.filter((c) => c.augmentation === 'rotate' && c.metrics!.a);
    const mine = tasks.map((c) => c.metrics!.a.auroc);
    const theirs = tasks.map((c) => aurocOf('none', c.seed, c.normalClass, 'a'));
    const differences = mine.map((v, i) => v - theirs[i]);
    assert.deepEqual(e.deltaAurocVsNone, meanStd(differences));
    assert.deepEqual(e.deltaCi, bootstrapMeanCi(differences));
    const w = wilcoxonSignedRank(mine, theirs);
    assert.deepEqual(e.wilcoxonVsNone, { statistic: w.statistic, pValue: w.pValue, n: w.n, method: w.method, zeros: w.zeros });
    assert.deepEqual(e.deltaCi && [e.deltaCi.level, e.deltaCi.resamples], [0.95, 10_000]);
    assert.ok(e.deltaCi!.low <= e.deltaAurocVsNone!.mean && e.deltaAurocVsNone!.mean <= e.deltaCi!.high);
  });

  it('the none rows record their pairing but compare with nothing', () => {
    const entries = summarize(semanticCells(['none', 'rotate']), ['none', 'rotate'], CLASSES, 'semantic');
    for (const e of entries.filter((x) => x.augmentation === 'none')) {
      assert.ok(e.pairing);
      assert.equal(e.pairs, undefined);
      assert.equal(e.deltaAurocVsNone, undefined);
      assert.equal(e.deltaCi, undefined);
      assert.equal(e.wilcoxonVsNone, undefined);
    }
  });

  it('a semantic testbed gets a pooled one-vs-one entry per augmentation, paired per seed × class pair', () => {
    const cells = semanticCells(['none', 'rotate']);
    const entries = summarize(cells, ['none', 'rotate'], CLASSES, 'semantic');
    assert.deepEqual(
      entries.filter((e) => e.augmentation === 'rotate').map((e) => e.anomalyType),
      ['a', 'b', 'c', ONE_VS_ONE, 'all'],
    );
    const pooled = find(entries, 'rotate', ONE_VS_ONE);
    assert.equal(pooled.pairing, PAIRING_CLASS_PAIR);
    // 3 seeds × 3 normal classes × 2 other classes.
    const triples = SEEDS.flatMap((s) => CLASSES.flatMap((n) => CLASSES.filter((o) => o !== n).map((o) => ({ s, n, o }))));
    assert.equal(pooled.pairs, 18);
    assert.equal(pooled.metrics.auroc.n, 18);
    const mine = triples.map(({ s, n, o }) => aurocOf('rotate', s, n, o));
    const theirs = triples.map(({ s, n, o }) => aurocOf('none', s, n, o));
    assert.ok(Math.abs(pooled.metrics.auroc.mean - meanStd(mine).mean) < 1e-15);
    assert.ok(Math.abs(pooled.metrics.ap.mean - meanStd(mine.map((v) => v - 0.1)).mean) < 1e-12);
    const differences = mine.map((v, i) => v - theirs[i]);
    assert.ok(Math.abs(pooled.deltaAurocVsNone!.mean - meanStd(differences).mean) < 1e-15);
    assert.equal(pooled.deltaAurocVsNone!.n, 18);
    // The same pairs, whatever order the summary walks them in.
    const w = wilcoxonSignedRank(mine, theirs);
    assert.equal(pooled.wilcoxonVsNone!.statistic, w.statistic);
    assert.equal(pooled.wilcoxonVsNone!.pValue, w.pValue);
    assert.equal(pooled.wilcoxonVsNone!.n, 18);
    assert.equal(pooled.wilcoxonVsNone!.method, w.method);
    assert.ok(pooled.deltaCi);
    // The none row has its pooled entry too (the baseline of the column).
    assert.equal(find(entries, 'none', ONE_VS_ONE).metrics.auroc.n, 18);
    // 'all' stays one-vs-rest per task.
    assert.equal(find(entries, 'rotate', 'all').pairs, 9);
    assert.equal(find(entries, 'rotate', 'all').pairing, PAIRING_TASK);
  });

  it('pools every class a cell was scored on, also one the run does not list as an anomaly type', () => {
    const cells = semanticCells(['none', 'rotate']);
    const pooled = find(summarize(cells, ['none', 'rotate'], ['b', 'c'], 'semantic'), 'rotate', ONE_VS_ONE);
    assert.equal(pooled.pairs, 18);
  });

  it('other testbeds get no pooled entry, and neither does a semantic run with a class named like it', () => {
    const cells = semanticCells(['none', 'rotate']);
    assert.ok(!summarize(cells, ['none', 'rotate'], CLASSES, 'labeled').some((e) => e.anomalyType === ONE_VS_ONE));
    const named = ['a', ONE_VS_ONE];
    const clash = summarize(semanticCells(['none', 'rotate'], named), ['none', 'rotate'], named, 'semantic');
    const entries = clash.filter((e) => e.augmentation === 'rotate' && e.anomalyType === ONE_VS_ONE);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].pairing, PAIRING_TASK);
  });

  it('pairs only tasks that the baseline completed', () => {
    const cells = semanticCells(['none', 'rotate']).filter((c) => !(c.augmentation === 'none' && c.seed === 0));
    const entries = summarize(cells, ['none', 'rotate'], CLASSES, 'semantic');
    assert.equal(find(entries, 'rotate', 'all').metrics.auroc.n, 9);
    assert.equal(find(entries, 'rotate', 'all').pairs, 6);
    assert.equal(find(entries, 'rotate', ONE_VS_ONE).pairs, 12);
  });

  it('with one pair: Δ without an interval or a test, and a note naming the pairing', () => {
    const cells = semanticCells(['none', 'rotate'], ['a', 'b'], [0]);
    const e = find(summarize(cells, ['none', 'rotate'], ['a', 'b'], 'synthetic'), 'rotate', 'a');
    assert.equal(e.pairs, 1);
    assert.ok(e.deltaAurocVsNone);
    assert.equal(e.deltaCi, undefined);
    assert.equal(e.wilcoxonVsNone, undefined);
    assert.match(e.wilcoxonNote!, /at least 2 pairs \(seed × normal class\); this run has 1/);
  });

  it('without a none run: no pairs and a note', () => {
    const e = find(summarize(semanticCells(['rotate']), ['rotate'], CLASSES, 'semantic'), 'rotate', ONE_VS_ONE);
    assert.equal(e.pairs, 0);
    assert.equal(e.deltaAurocVsNone, undefined);
    assert.match(e.wilcoxonNote!, /no completed "none" cell/);
  });

  it('equal AUROCs everywhere: an interval of zero width and no test', () => {
    const cells = semanticCells(['none', 'rotate']).map((c) => (c.augmentation === 'rotate' ? { ...c, metrics: semanticCell('none', c.seed, c.normalClass).metrics } : c));
    const e = find(summarize(cells, ['none', 'rotate'], CLASSES, 'semantic'), 'rotate', ONE_VS_ONE);
    assert.deepEqual([e.deltaCi!.low, e.deltaCi!.high], [0, 0]);
    assert.equal(e.wilcoxonNote, 'every paired AUROC equals the baseline');
  });

  it('is deterministic: the same cells give the same summary', () => {
    const cells = semanticCells(['none', 'rotate', 'flip']);
    assert.deepEqual(summarize(cells, ['none', 'rotate', 'flip'], CLASSES, 'semantic'), summarize(structuredClone(cells), ['none', 'rotate', 'flip'], CLASSES, 'semantic'));
  });
});
