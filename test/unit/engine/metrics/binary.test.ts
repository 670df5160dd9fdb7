import * as assert from 'node:assert/strict';
import { auroc, averagePrecision, f1AtK, precisionAtK, topKIndices } from '../../../../src/engine/metrics';
import { Rng } from '../../../../src/engine/random';
import { pairwiseAuroc } from '../../../helpers/naiveMetrics';
import { assertClose, reference } from './reference';

describe('metrics: AUROC, AP and @k against scikit-learn', () => {
  it('has reference cases', () => {
    assert.ok(reference.binary.length >= 10);
  });

  for (const c of reference.binary) {
    describe(c.name, () => {
      it('auroc matches roc_auc_score', () => {
        assertClose(auroc(c.scores, c.isAnomaly), c.expected.auroc, `${c.name} auroc`);
      });
      it('averagePrecision matches average_precision_score', () => {
        assertClose(averagePrecision(c.scores, c.isAnomaly), c.expected.ap, `${c.name} ap`);
      });
      it('precisionAtK and f1AtK (k = number of anomalies) match precision_score / f1_score of the top-k prediction', () => {
        assertClose(precisionAtK(c.scores, c.isAnomaly), c.expected.precisionAtK, `${c.name} precisionAtK`);
        assertClose(f1AtK(c.scores, c.isAnomaly), c.expected.f1AtK, `${c.name} f1AtK`);
      });
      for (const e of c.expected.atK) {
        it(`precisionAtK and f1AtK with explicit k = ${e.k}`, () => {
          assertClose(precisionAtK(c.scores, c.isAnomaly, e.k), e.precisionAtK, `${c.name} precision@${e.k}`);
          assertClose(f1AtK(c.scores, c.isAnomaly, e.k), e.f1AtK, `${c.name} f1@${e.k}`);
        });
      }
    });
  }
});

describe('metrics: properties independent of the reference', () => {
  function randomCase(seed: number, n: number, levels?: number): { scores: number[]; isAnomaly: boolean[] } {
    const rng = new Rng(seed, 'metrics-property');
    const isAnomaly = Array.from({ length: n }, (_, i) => i < 2 || (i >= n - 2 ? false : rng.next() < 0.35));
    const scores = isAnomaly.map((a) => {
      const x = rng.next() + (a ? 0.3 : 0);
      return levels === undefined ? x : Math.floor(x * levels);
    });
    return { scores, isAnomaly };
  }

  it('AUROC equals the brute-force pairwise win rate (ties count one half)', () => {
    for (const [seed, levels] of [[1, undefined], [2, 5], [3, 2], [4, 40]] as const) {
      const { scores, isAnomaly } = randomCase(seed, 97, levels);
      assertClose(auroc(scores, isAnomaly), pairwiseAuroc(scores, isAnomaly), `seed ${seed}`, 1e-12);
    }
  });

  it('AUROC of negated scores is 1 − AUROC, with and without ties', () => {
    for (const [seed, levels] of [[5, undefined], [6, 3], [7, 10]] as const) {
      const { scores, isAnomaly } = randomCase(seed, 150, levels);
      const reversed = scores.map((s) => -s);
      assertClose(auroc(reversed, isAnomaly), 1 - auroc(scores, isAnomaly), `seed ${seed}`, 1e-12);
    }
  });

  it('every metric is invariant to strictly increasing transforms of the scores', () => {
    const { scores, isAnomaly } = randomCase(8, 200, 50);
    const transforms: Array<[string, (s: number) => number]> = [
      ['exp', (s) => Math.exp(s / 10)],
      ['affine', (s) => 3 * s - 7],
      ['cube', (s) => (s - 20) ** 3],
    ];
    for (const [name, f] of transforms) {
      const moved = scores.map(f);
      // Precondition: the transform kept the order and the ties exactly.
      for (let i = 0; i < scores.length; i++) {
        for (let j = 0; j < scores.length; j++) {
          assert.equal(Math.sign(moved[i] - moved[j]), Math.sign(scores[i] - scores[j]));
        }
      }
      assert.equal(auroc(moved, isAnomaly), auroc(scores, isAnomaly), `${name} auroc`);
      assert.equal(averagePrecision(moved, isAnomaly), averagePrecision(scores, isAnomaly), `${name} ap`);
      assert.equal(precisionAtK(moved, isAnomaly), precisionAtK(scores, isAnomaly), `${name} precision@k`);
      assert.equal(f1AtK(moved, isAnomaly), f1AtK(scores, isAnomaly), `${name} f1@k`);
    }
  });

  it('AP and AUROC are 1 when anomalies all outscore normals, and AUROC is 0.5 when all scores tie', () => {
    const isAnomaly = [false, true, false, true, true];
    assert.equal(auroc([0, 5, 1, 6, 7], isAnomaly), 1);
    assert.equal(averagePrecision([0, 5, 1, 6, 7], isAnomaly), 1);
    assert.equal(auroc([2, 2, 2, 2, 2], isAnomaly), 0.5);
    // One tie group: a single threshold admitting everything, so AP is the anomaly fraction.
    assertClose(averagePrecision([2, 2, 2, 2, 2], isAnomaly), 3 / 5, 'ap all tied', 1e-15);
  });

  it('accepts typed arrays of scores (a detector\'s Float32Array)', () => {
    const scores = Float32Array.from([0.1, 0.9, 0.4, 0.8]);
    const isAnomaly = [false, true, false, true];
    assert.equal(auroc(scores, isAnomaly), 1);
    assert.equal(precisionAtK(scores, isAnomaly), 1);
  });

  it('top-k breaks ties at the k-th score by the lower index and returns exactly k samples', () => {
    assert.deepEqual(topKIndices([1, 3, 2, 3, 3, 0], 2), [1, 3]);
    assert.deepEqual(topKIndices([1, 3, 2, 3, 3, 0], 4), [1, 3, 4, 2]);
    assert.deepEqual(topKIndices([5, 5, 5], 0), []);
    // The tie rule decides @k: the tied anomaly at index 2 loses to the tied normal at index 1.
    assert.equal(precisionAtK([9, 4, 4, 0], [true, false, true, false]), 0.5);
    assert.equal(precisionAtK([9, 4, 4, 0], [true, true, false, false]), 1);
  });

  it('with k = number of anomalies, F1@k equals precision@k', () => {
    for (const seed of [9, 10, 11]) {
      const { scores, isAnomaly } = randomCase(seed, 80, 6);
      assert.equal(f1AtK(scores, isAnomaly), precisionAtK(scores, isAnomaly));
    }
  });
});
