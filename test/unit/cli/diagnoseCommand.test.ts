/**
 * `ssad diagnose` as users run it (the CLI's source, through tsx, so no build is needed): exit
 * codes, the table, `--json`, and a bad config refused with its field named.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Diagnosis } from '../../../src/shared/diagnosis';
import { tinyShapesConfig } from '../../helpers/tinyConfig';

const ROOT = resolve(__dirname, '../../..');
const CLI = join(ROOT, 'src/cli/main.ts');

function ssad(...args: string[]) {
  return spawnSync(process.execPath, ['--require', 'tsx/cjs', CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('ssad diagnose', function () {
  this.timeout(120_000);
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssad-diagnose-'));
    file = join(dir, 'tiny.ssad.json');
    const config = tinyShapesConfig('diagnose cli', {
      testbed: { type: 'synthetic', anomalies: ['flip', 'cutout'] },
      augmentations: ['none', 'flip', 'cutout', 'invert'],
      seeds: [0, 1],
    });
    writeFileSync(file, JSON.stringify(config));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the table: the label-free column, the per-type columns marked as using labels, the pick, the time; exit 0', () => {
    const r = ssad('diagnose', file);
    assert.equal(r.status, 0, r.stderr);
    const out = r.stdout;
    assert.match(out, /^Alignment diagnosis of "diagnose cli" before training: energy distance in pixels features \(256 values per image\)$/m);
    assert.match(out, /^4 tasks \(2 seeds × 2 normal classes\); images per task, at most 1,000 per set: train 32 of 32, test 48 of 48, per anomaly type 16$/m);
    assert.match(out, /^ +per anomaly type \(uses labels\):$/m);
    assert.match(out, /^augmentation +test \(label-free\) +flip +cutout$/m);
    assert.match(out, /^none +1 \(by construction\) +1 +1$/m);
    for (const aug of ['flip', 'cutout', 'invert']) assert.match(out, new RegExp(`^${aug} +\\d+\\.\\d{3} ± \\d+\\.\\d{3} +\\d+\\.\\d{3} ± \\d+\\.\\d{3} +\\d+\\.\\d{3} ± \\d+\\.\\d{3}$`, 'm'));
    assert.match(out, /^label-free pick: (flip|cutout|invert) \(ratio \d+\.\d\d\)/m);
    assert.match(out, /^Below 1, an augmentation makes the training normals look more like the unlabeled test set/m);
    assert.match(out, /^Diagnosed in \d+\.\d+ s \(data loaded in \d+\.\d+ s\)\.$/m);
    // The rows come by rank: the pick is the first row after "none" is set aside.
    const rows = out.split('\n').filter((l) => /^(none|flip|cutout|invert) /.test(l)).map((l) => l.split(' ')[0]);
    assert.equal(rows.length, 4);
    assert.equal(out.match(/^label-free pick: (\S+)/m)?.[1], rows.find((a) => a !== 'none'));
  });

  it('--json prints the Diagnosis; --feature and --distance choose the space and the distance', () => {
    const r = ssad('diagnose', file, '--json', '--feature', 'randomConv', '--distance', 'mmd');
    assert.equal(r.status, 0, r.stderr);
    const d = JSON.parse(r.stdout) as Diagnosis;
    assert.equal(d.schemaVersion, 1);
    assert.equal(d.config, 'diagnose cli');
    assert.equal(d.feature, 'randomConv');
    assert.equal(d.distance, 'mmd');
    assert.equal(d.featureDimension, 4 * 4 * 16);
    assert.equal(d.tasks, 4);
    assert.deepEqual(d.augmentations, ['none', 'flip', 'cutout', 'invert']);
    assert.deepEqual(d.anomalyTypes, ['flip', 'cutout']);
    assert.equal(d.rows.length, 4);
    for (const row of d.rows) {
      assert.equal(row.ratio.usesLabels, false);
      assert.deepEqual(Object.keys(row.perType), ['flip', 'cutout']);
      for (const s of Object.values(row.perType)) assert.equal(s.usesLabels, true);
    }
    assert.ok(d.sizes.perTask.every((t) => typeof t.bandwidth === 'number' && t.bandwidth > 0));
    assert.ok(d.pick && d.pick.augmentation !== 'none');
    assert.ok(d.seconds > 0);
  });

  it('a bad config: exit 2 with the field named, nothing diagnosed', () => {
    writeFileSync(file, JSON.stringify(tinyShapesConfig('bad', { training: { epochs: 0 } })));
    const r = ssad('diagnose', file);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /training\.epochs/);
    assert.equal(r.stdout, '');
  });

  it('bad usage: exit 2 for an unknown --feature or --distance, or no CONFIG', () => {
    const feature = ssad('diagnose', file, '--feature', 'edges');
    assert.equal(feature.status, 2);
    assert.match(feature.stderr, /--feature must be one of pixels, randomConv, got "edges"/);
    const distance = ssad('diagnose', file, '--distance', 'kl');
    assert.equal(distance.status, 2);
    assert.match(distance.stderr, /--distance must be one of energy, mmd/);
    const none = ssad('diagnose');
    assert.equal(none.status, 2);
    assert.match(none.stderr, /diagnose needs exactly one CONFIG/);
  });
});
