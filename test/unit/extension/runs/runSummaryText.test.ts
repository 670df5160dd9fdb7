import { strict as assert } from 'node:assert';
import { bestAlignedCell, cellLabel, describeBest, describeCellMetrics, describeNews, shortDate } from '../../../../src/extension/runs/runSummaryText';
import { cell, results, summaryEntry } from '../../../helpers/runResultsFixtures';

describe('runs view text', () => {
  it('names the best aligned augmentation → anomaly type from the summary, never "all"', () => {
    const r = results([], [summaryEntry('none', 'all', 0.99), summaryEntry('none', 'flip', 0.5), summaryEntry('flip', 'flip', 0.934), summaryEntry('flip', 'cutout', 0.7)]);
    assert.deepEqual(bestAlignedCell(r), { augmentation: 'flip', anomalyType: 'flip', auroc: 0.934 });
    assert.equal(describeBest(r), 'best: flip→flip 0.93');
  });

  it('never names the pooled one-vs-one entry (an average over classes) as the best aligned type', () => {
    const r = results([], [summaryEntry('flip', 'one-vs-one', 0.99), summaryEntry('flip', 'flip', 0.9)]);
    assert.equal(describeBest(r), 'best: flip→flip 0.90');
  });

  it('uses the scored cells while the run has no summary yet, and says nothing before any score', () => {
    assert.equal(describeBest(results([cell('a', 'none', { flip: 0.61, all: 0.9 }), cell('b', 'rotate')])), 'best: none→flip 0.61');
    assert.equal(describeBest(results([cell('b', 'rotate')])), undefined);
  });

  it('tells the news of a run: the largest gain and loss of self-supervision over none, not the highest AUROC', () => {
    const withDelta = (aug: string, type: string, auroc: number, delta: number) => ({ ...summaryEntry(aug, type, auroc), deltaAurocVsNone: { mean: delta, std: 0, n: 2 } });
    const r = results(
      [],
      [
        summaryEntry('none', 'invert', 1),
        summaryEntry('none', 'cutout', 0.723),
        withDelta('cutout', 'cutout', 0.82, 0.097),
        withDelta('invert', 'cutout', 0.7, -0.023),
        withDelta('flip', 'invert', 1, 0),
        withDelta('cutout', 'all', 0.9, 0.2),
      ],
    );
    assert.equal(describeBest(r), 'best: none→invert 1.00', 'the highest AUROC is a saturated column without self-supervision');
    assert.equal(describeNews(r), 'vs none: gain cutout→cutout +0.097 · loss invert→cutout −0.023', '`all` is an average, never the news');
    const onlyLosses = results([], [withDelta('flip', 'flip', 0.5, -0.01), withDelta('rotate', 'flip', 0.4, -0.05)]);
    assert.equal(describeNews(onlyLosses), 'vs none: best flip→flip −0.010 · loss rotate→flip −0.050');
    // Without a comparison with none (no none row, or no summary yet): the best AUROC so far.
    assert.equal(describeNews(results([cell('a', 'rotate', { flip: 0.61 })])), 'best: rotate→flip 0.61');
  });

  it('lists AUROC per anomaly type in the run order, or the status of an unscored cell', () => {
    const scored = cell('a', 'flip', { cutout: 0.712, flip: 0.93, all: 0.8 });
    assert.equal(describeCellMetrics(scored, ['flip', 'cutout']), 'flip 0.93 · cutout 0.71');
    assert.equal(describeCellMetrics({ ...cell('b', 'none'), status: 'running' }, ['flip']), 'running');
    assert.equal(cellLabel(scored), 'flip · seed 0 · class 7');
  });

  it('formats dates shortly and leaves unreadable ones as they are', () => {
    assert.match(shortDate('2026-11-28T23:40:00.000Z'), /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
    assert.equal(shortDate('yesterday'), 'yesterday');
  });
});
