/**
 * Fault cases: hostile custom modules through the CLI (issue 11, defects 1, 4 and 9). A module may
 * loop for ever, end or kill its process, throw later from a timer, or lie in variants(): the run
 * always ends, only the module's own cells fail, and each failure names the module's file.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, judge, onlyRun, requireBuild, writeConfig } from './cli';
import { tried } from './tally';
import { COPY, moduleSource, writeModule } from '../helpers/hostile';

const VARIANT = 'variant(batch,k){ return { n: batch.n, h: batch.h, w: batch.w, c: batch.c, data: batch.data.slice() }; },';

interface ModuleCase {
  what: string;
  source: string;
  /** Where the module goes: a training augmentation (default), or a testbed anomaly. */
  asAnomaly?: boolean;
  detector?: string;
  /** The failed cell's (or, for an anomaly, the run's) error. */
  error: RegExp;
}

const CASES: ModuleCase[] = [
  { what: 'an apply that never returns', source: moduleSource('m', 'while(true){}'), error: /^ssad\/augmentations\/m\.ts:1: apply \(train mode, a batch of \d+\) did not return within 1\.5 s \(runtime\.augmentationTimeoutSeconds\) while training cell / },
  { what: 'top-level code that never returns', source: `while(true){}\n${moduleSource('m', COPY)}`, error: /^ssad\/augmentations\/m\.ts: loading the module \(its top-level code\) did not return within 1\.5 s/ },
  { what: 'an anomaly function that never returns', asAnomaly: true, source: moduleSource('m', 'while(true){}'), error: /^ssad\/augmentations\/m\.ts:1: apply \(anomaly mode.*\) did not return within 1\.5 s .* during start-up/ },
  { what: 'process.exit(0) in apply', source: moduleSource('m', 'process.exit(0);'), error: /^ssad\/augmentations\/m\.ts:1: apply \(train mode.*\) called process\.exit\(0\)/ },
  { what: 'a top-level process.exit(3)', source: `process.exit(3);\n${moduleSource('m', COPY)}`, error: /^ssad\/augmentations\/m\.ts:1: loading the module \(its top-level code\) called process\.exit\(3\)/ },
  { what: 'kill -9 of its own process', source: moduleSource('m', "require('node:child_process').execSync('kill -9 ' + process.pid);"), error: /^ssad\/augmentations\/m\.ts:1: the training process died \(signal SIGKILL\) while apply/ },
  { what: 'a timer that throws after apply returned', source: moduleSource('m', `setTimeout(() => { throw new Error('late boom'); }, 0); ${COPY}`), error: /ssad\/augmentations\/m\.ts:1: late boom/ },
  { what: 'NaN pixels', source: moduleSource('m', 'const d = batch.data.slice(); d[0] = NaN; return { n: batch.n, h: batch.h, w: batch.w, c: batch.c, data: d };'), error: /^ssad\/augmentations\/m\.ts:1: apply returned NaN/ },
  { what: 'variants() that throws (rotnet)', detector: 'rotnet', source: moduleSource('m', COPY, `${VARIANT}\nvariants(){ throw new Error('no count'); },\n`), error: /^ssad\/augmentations\/m\.ts:2: no count$/ },
  { what: 'variants() returning 2.5 (rotnet)', detector: 'rotnet', source: moduleSource('m', COPY, `${VARIANT}variants(){ return 2.5; },`), error: /^ssad\/augmentations\/m\.ts:1: variants\(\) returned 2\.5; it must return a whole number/ },
  { what: 'variants() returning 1e9 (rotnet)', detector: 'rotnet', source: moduleSource('m', COPY, `${VARIANT}variants(){ return 1e9; },`), error: /variants\(\) returned 1000000000; it must return a whole number of variants from 0 to 64/ },
];

describe('faults: hostile custom modules (built CLI)', function () {
  this.timeout(120_000);
  let root: string;
  before(requireBuild);
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'ssad-faults-module-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  for (const c of CASES) {
    it(`${c.what}: the run ends, only its cells fail, naming the module`, async () => {
      tried();
      const path = writeModule(root, 'm.ts', c.source);
      const base = c.detector === 'rotnet' ? ['rotate'] : ['none'];
      const file = writeConfig(root, 'hostile', {
        augmentations: c.asAnomaly ? base : [...base, path, 'flip'],
        ...(c.asAnomaly ? { testbed: { type: 'synthetic', anomalies: ['flip', path] } } : {}),
        ...(c.detector ? { detector: { type: c.detector, width: 2, depth: 2, codeSize: 4 } } : {}),
        runtime: { backend: 'cpu', parallelism: 1, augmentationTimeoutSeconds: 1.5 },
      });
      const r = cli(['run', file, '--out', join(root, 'runs')]);
      const runDir = onlyRun(join(root, 'runs'));
      const results = await judge(c.what, runDir, r, { status: 'failed' });
      if (c.asAnomaly) {
        assert.match(results.error!, c.error);
        return;
      }
      const by = new Map(results.cells.map((cell) => [cell.augmentation, cell]));
      assert.equal(by.get(base[0])?.status, 'completed', `${base[0]}: ${by.get(base[0])?.error}`);
      assert.equal(by.get('flip')?.status, 'completed', `flip: ${by.get('flip')?.error}`);
      assert.equal(by.get(path)?.status, 'failed');
      assert.match(by.get(path)!.error!, c.error);
      assert.match(r.stderr, /ssad: run failed: 1 of 3 cells failed/);
    });
  }
});
