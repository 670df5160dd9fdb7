import { strict as assert } from 'node:assert';
import { formatMatrix } from '../../../src/cli/matrix';
import { ONE_VS_ONE } from '../../../src/shared/results';
import { fixtureResults, semanticResults } from '../../helpers/resultsFixtures';

describe('CLI matrix legend', () => {
  it('states the test, its pairing unit and n, and that * means p < 0.05', () => {
    const text = formatMatrix(semanticResults());
    const header = text.split('\n')[1];
    assert.deepEqual(header.trim().split(/\s+/), ['a', 'b', 'c', ONE_VS_ONE, 'all']);
    assert.match(text, /^\(Δ\) = AUROC minus the paired "none" AUROC/m);
    assert.match(text, /its 95 % interval is a percentile bootstrap of that mean \(10000 resamples, seed \d+\)/);
    assert.match(text, /^\* = two-sided Wilcoxon signed-rank test of the paired AUROCs against "none" .*p < 0\.05\.$/m);
    assert.match(text, /^Pairs in the anomaly-type and all columns: one per seed × normal class, n = 6–9; method \w+/m);
    assert.match(text, /^Pairs in the one-vs-one column: one per seed × class pair, n = 18; method \w+/m);
    assert.match(text, /one-vs-one: mean over every normal class × other class/);
    assert.match(text, /summary\[\]\.deltaCi/);
    assert.doesNotMatch(text, /can reach p < 0\.05/);
  });

  it('an older results.json: the recorded method, n from Δ, and the warning that 2 pairs cannot reach significance', () => {
    const text = formatMatrix(fixtureResults());
    assert.match(text, /^Pairs in the anomaly-type and all columns: one per seed × normal class, n = 2; method /m);
    assert.match(text, /^With 2 pairs \(seed × normal class\) no difference can reach p < 0\.05; add seeds or normal classes\.$/m);
    assert.doesNotMatch(text, /percentile bootstrap/);
    assert.doesNotMatch(text, new RegExp(ONE_VS_ONE));
  });

  it('without a none row it says how to get one', () => {
    const r = fixtureResults();
    r.augmentations = r.augmentations.filter((a) => a !== 'none');
    assert.match(formatMatrix(r), /No "none" row/);
  });
});
