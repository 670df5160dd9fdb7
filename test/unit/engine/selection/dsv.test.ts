import * as assert from 'node:assert/strict';
import { Rng } from '../../../../src/engine/random';
import {
  DSV_BETTER,
  DSV_SEPARABILITY_CAP,
  dsv,
  projectionVariance,
  sumOfDistances,
  sumOfSquaredDots,
  traceOfScatterProduct,
} from '../../../../src/engine/selection/dsv';
import type { Embeddings } from '../../../../src/engine/selection/embeddings';
import {
  assertRelative,
  axis,
  cloud,
  criteriaReference,
  fixtureEmbeddings,
  scene,
} from './reference';

describe('selection: DSV', () => {
  it(`matches the NumPy reference (itself equal to the authors' code) on ${criteriaReference.cases.length} fixed sets`, () => {
    for (const c of criteriaReference.cases) {
      const result = dsv(fixtureEmbeddings(c.normal, c.d), fixtureEmbeddings(c.augmented, c.d), fixtureEmbeddings(c.test, c.d));
      assertRelative(result.value, c.dsv.value, 1e-9, `${c.name} value`);
      assertRelative(result.discordance, c.dsv.discordance, 1e-9, `${c.name} discordance`);
      assertRelative(result.separability, c.dsv.separability, 1e-9, `${c.name} separability`);
    }
  });

  it('the fixture exercises the capped and uncapped separability and both ways of summing the projections', () => {
    const cases = criteriaReference.cases;
    assert.ok(cases.filter((c) => c.dsv.separability === DSV_SEPARABILITY_CAP).length >= 2);
    assert.ok(cases.filter((c) => c.dsv.separability < DSV_SEPARABILITY_CAP).length >= 3);
    const scatter = (c: (typeof cases)[number]): boolean => (c.test.n + c.augmented.n) * c.d < 2 * c.test.n * c.augmented.n;
    assert.ok(cases.some(scatter) && cases.some((c) => !scatter(c)));
  });

  it('is L − S / L, lower is better', () => {
    const { zn, zt, c1, rng } = scene(1);
    const r = dsv(zn, cloud(rng, 30, c1, 0.5, true), zt);
    assert.equal(r.value, r.discordance - r.separability / r.discordance);
    assert.equal(DSV_BETTER, 'lower');
  });

  it('Za on top of the test anomalies scores better than Za far from the test set or Za on the normals', () => {
    for (const seed of [1, 2, 3]) {
      const { zn, zt, c0, c1, rng } = scene(seed);
      const aligned = dsv(zn, cloud(rng, 30, c1, 0.5, true), zt).value;
      const opposite = dsv(zn, cloud(rng, 30, c0.map((v) => -v), 0.5, true), zt).value;
      const elsewhere = dsv(zn, cloud(rng, 30, axis(16, 2, 3), 0.5, true), zt).value;
      const likeNormals = dsv(zn, cloud(rng, 30, c0, 0.5, true), zt).value;
      assert.ok(aligned < opposite && aligned < elsewhere && aligned < likeNormals, `seed ${seed}: ${aligned} vs ${opposite}, ${elsewhere}, ${likeNormals}`);
    }
  });

  it('does not necessarily prefer Za = Zt to a far Za: the discordance divides by d(Zn, Za), which a far Za inflates', () => {
    // A property of the definition worth knowing, not a wish: with a mostly normal test set,
    // Za = Zt gives L ≈ 1 while a Za far from everything brings L towards 1/2.
    const { zn, zt, c0, rng } = scene(7);
    const onTop = dsv(zn, zt, zt);
    const far = dsv(zn, cloud(rng, 30, c0.map((v) => -v), 0.5, true), zt);
    assert.ok(onTop.discordance > far.discordance);
    assert.ok(onTop.value > far.value);
  });

  it('works on unit rows: scaling any row by a positive factor changes nothing', () => {
    const { zn, zt, c1, rng } = scene(31);
    const za = cloud(rng, 30, c1, 0.7, true);
    const doubled: Embeddings = { ...zt, data: zt.data.map((v, i) => (Math.floor(i / zt.d) % 3 === 0 ? 2 * v : v)) };
    assert.deepEqual(dsv(zn, za, doubled), dsv(zn, za, zt));
  });

  it('rejects empty sets and mismatched dimensions', () => {
    const { zn, zt } = scene(41);
    assert.throws(() => dsv(zn, { n: 0, d: 16, data: new Float32Array(0) }, zt), /augmented set is empty/);
    assert.throws(() => dsv(zn, { n: 1, d: 4, data: new Float32Array(4) }, zt), /dimension 4/);
    assert.throws(() => dsv(zn, zn, { n: 2, d: 16, data: new Float32Array(5) }), /needs 32 values/);
  });

  it('sums the pairwise distances in tiles exactly as pair by pair, remainders included', () => {
    const rng = new Rng(5, 'tiles');
    for (const [na, nb, d] of [[7, 5, 3], [4, 2, 9], [1, 1, 1], [9, 3, 17]]) {
      const a = Float64Array.from({ length: na * d }, () => rng.normal());
      const b = Float64Array.from({ length: nb * d }, () => rng.normal());
      let naive = 0;
      for (let i = 0; i < na; i++) {
        for (let j = 0; j < nb; j++) {
          let s = 0;
          for (let k = 0; k < d; k++) s += (a[i * d + k] - b[j * d + k]) ** 2;
          naive += Math.sqrt(s);
        }
      }
      assertRelative(sumOfDistances(a, na, b, nb, d), naive, 1e-13, `${na}×${nb}×${d}`);
    }
  });

  it('gets the same projection spread from the scatter matrices as from the pair products', () => {
    const rng = new Rng(6, 'scatter');
    const [na, nb, d] = [13, 8, 6];
    const a = Float64Array.from({ length: na * d }, () => rng.normal());
    const b = Float64Array.from({ length: nb * d }, () => rng.normal());
    assertRelative(traceOfScatterProduct(a, na, b, nb, d), sumOfSquaredDots(a, na, b, nb, d), 1e-12, 'Σ (a·b)²');
    // And the decomposed variance is the plain population variance of every projection.
    const zn = Float64Array.from({ length: 5 * d }, () => rng.normal());
    const mu = Array.from({ length: d }, (_, k) => (zn[k] + zn[d + k] + zn[2 * d + k] + zn[3 * d + k] + zn[4 * d + k]) / 5);
    const projections: number[] = [];
    for (let t = 0; t < na; t++) {
      for (let u = 0; u < nb; u++) {
        let norm = 0;
        for (let k = 0; k < d; k++) norm += (b[u * d + k] - mu[k]) ** 2;
        let p = 0;
        for (let k = 0; k < d; k++) p += (a[t * d + k] - mu[k]) * ((b[u * d + k] - mu[k]) / Math.sqrt(norm));
        projections.push(p);
      }
    }
    const mean = projections.reduce((s, p) => s + p, 0) / projections.length;
    const variance = projections.reduce((s, p) => s + (p - mean) ** 2, 0) / projections.length;
    assertRelative(projectionVariance(zn, 5, b, nb, a, na, d), variance, 1e-12, 'variance');
  });

  it('takes well under a few seconds on three sets of 2,000 × 256', function () {
    this.timeout(60_000);
    const rng = new Rng(8, 'size');
    const d = 256;
    const centre = Array.from({ length: d }, () => rng.normal());
    const zn = cloud(rng, 2000, centre, 1);
    const za = cloud(rng, 2000, centre.map((v) => v + 0.3), 1);
    const zt = cloud(rng, 2000, centre, 1);
    const start = performance.now();
    const r = dsv(zn, za, zt);
    const seconds = (performance.now() - start) / 1000;
    assert.ok(Number.isFinite(r.value));
    assert.ok(seconds < 10, `${seconds.toFixed(2)} s`);
  });
});
