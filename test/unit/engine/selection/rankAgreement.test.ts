import * as assert from 'node:assert/strict';
import { kendallTau, pickRegret, spearmanRho } from '../../../../src/engine/selection/rankAgreement';
import { rankReference, toNumber } from './reference';

const TOLERANCE = 1e-12;

function assertSame(actual: number, expected: number, label: string): void {
  if (Number.isNaN(expected)) {
    assert.ok(Number.isNaN(actual), `${label}: got ${actual}, expected NaN`);
    return;
  }
  assert.ok(Math.abs(actual - expected) <= TOLERANCE, `${label}: got ${actual}, expected ${expected} (±${TOLERANCE})`);
}

describe('selection: rank agreement against SciPy and NumPy', () => {
  it(`the fixture (SciPy ${rankReference.versions.scipy}) covers ties, NaN answers, negative correlation and n from 1 to 15`, () => {
    const cases = rankReference.cases;
    assert.ok(cases.length >= 30);
    const sizes = new Set(cases.map((c) => c.x.length));
    for (let n = 1; n <= 15; n++) assert.ok(sizes.has(n), `n = ${n}`);
    assert.ok(cases.filter((c) => c.kendallTau === null).length >= 4);
    assert.ok(cases.filter((c) => toNumber(c.kendallTau) < -0.5).length >= 3);
    assert.ok(cases.some((c) => (c.pickRegret?.tied.length ?? 0) > 1));
  });

  for (const c of rankReference.cases) {
    it(`${c.name}: kendallTau, spearmanRho and pickRegret equal the reference`, () => {
      const x = c.x.map(toNumber);
      const y = c.y.map(toNumber);
      assertSame(kendallTau(x, y), toNumber(c.kendallTau), 'kendallTau');
      assertSame(spearmanRho(x, y), toNumber(c.spearmanRho), 'spearmanRho');
      if (c.pickRegret) {
        const r = pickRegret(x, y);
        assert.equal(r.pick, c.pickRegret.pick);
        assert.deepEqual(r.tied, c.pickRegret.tied);
        assertSame(r.regret, toNumber(c.pickRegret.regret), 'regret');
        assertSame(r.randomRegret, c.pickRegret.randomRegret, 'randomRegret');
      }
    });
  }
});

describe('selection: rank agreement properties', () => {
  it('tau and rho are symmetric in x and y and flip sign with y', () => {
    const x = [0.3, 0.1, 0.4, 0.1, 0.5, 0.9, 0.2];
    const y = [2, 7, 1, 8, 2, 8, 1];
    // Equal up to the order of the two square-root divisions, which SciPy does not make symmetric either.
    assertSame(kendallTau(x, y), kendallTau(y, x), 'tau');
    assertSame(spearmanRho(x, y), spearmanRho(y, x), 'rho');
    assert.equal(kendallTau(x, y.map((v) => -v)), -kendallTau(x, y));
    assertSame(spearmanRho(x, y.map((v) => -v)), -spearmanRho(x, y), 'rho');
  });

  it('are NaN where SciPy is: empty, constant, NaN', () => {
    for (const [x, y] of [[[], []], [[1], [2]], [[1, 1, 1], [1, 2, 3]], [[1, 2, NaN], [1, 2, 3]]]) {
      assert.ok(Number.isNaN(kendallTau(x, y)), `tau ${x} ${y}`);
      assert.ok(Number.isNaN(spearmanRho(x, y)), `rho ${x} ${y}`);
    }
  });

  it('reject inputs of different lengths', () => {
    assert.throws(() => kendallTau([1, 2], [1]), /x has 2 entries, y 1/);
    assert.throws(() => spearmanRho([1], [1, 2]), /x has 1 entries, y 2/);
    assert.throws(() => pickRegret([1, 2], [1]), /x has 2 entries, y 1/);
  });

  it('pickRegret: the top pick, zero regret when it is the best, the mean over a tie', () => {
    assert.deepEqual(pickRegret([0.1, 0.9, 0.5], [0.6, 0.95, 0.7]), { pick: 1, tied: [1], regret: 0, randomRegret: 0.95 - (0.6 + 0.95 + 0.7) / 3 });
    const tie = pickRegret([3, 1, 3], [0.9, 0.5, 0.7]);
    assert.equal(tie.pick, 0);
    assert.deepEqual(tie.tied, [0, 2]);
    assertSame(tie.regret, 0.9 - (0.9 + 0.7) / 2, 'tie regret');
  });

  it('pickRegret: a cell without goodness is not a candidate, but its truth still counts', () => {
    const r = pickRegret([NaN, 0.2, 0.1], [0.99, 0.8, 0.7]);
    assert.equal(r.pick, 1);
    assertSame(r.regret, 0.99 - 0.8, 'regret');
    const none = pickRegret([NaN, NaN], [0.5, 0.6]);
    assert.equal(none.pick, -1);
    assert.ok(Number.isNaN(none.regret));
    assertSame(none.randomRegret, 0.05, 'random');
  });

  it('pickRegret needs cells with finite truth', () => {
    assert.throws(() => pickRegret([], []), /no cells/);
    assert.throws(() => pickRegret([1, 2], [0.5, NaN]), /truth at index 1 is NaN/);
  });
});
