/**
 * Fault cases: crafted run folders (issue 11, defects 6 and 7) and bad images. A results.json can
 * say anything: readers — the CLI's run list, the runs view, the panel's ROC curves, the HTML
 * report, --resume — read nothing outside the run folder and report a broken folder on its own.
 * Bad image files are named, skipped ones recorded and shown even with --quiet, and a huge one
 * is refused by the pixel budget before it is decoded.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { readCellDetail } from '../../src/extension/results/cellDetail';
import { dataExport } from '../../src/extension/results/exportData';
import { RunFolderCache } from '../../src/engine/run/runFolderCache';
import type { RunResults } from '../../src/shared/results';
import { cli, judge, onlyRun, png, pngHeaderClaiming, readJson, requireBuild, writeConfig } from './cli';
import { readOutside, tried } from './tally';

const CANARY = 'ssad-fault-canary-5b1d';

describe('faults: crafted run folders and bad images', function () {
  this.timeout(120_000);
  let root: string;
  let good: string;
  let secret: string;
  before(() => {
    requireBuild();
    root = mkdtempSync(join(tmpdir(), 'ssad-faults-crafted-'));
    secret = join(root, 'secret.txt');
    writeFileSync(secret, `${CANARY}\n`);
    // One real run to copy and tamper with.
    const r = cli(['run', writeConfig(root, 'real'), '--out', join(root, 'real-runs')]);
    assert.equal(r.status, 0, r.stderr);
    good = onlyRun(join(root, 'real-runs'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  /** Canary sightings in a reader's output (plain text or base64 of the file). */
  function leaks(text: string): number {
    const b64 = Buffer.from(`${CANARY}\n`).toString('base64');
    return (text.includes(CANARY) ? 1 : 0) + (text.includes(b64) ? 1 : 0);
  }

  function craft(runs: string, name: string, change: (r: RunResults, dir: string) => void): string {
    const dir = join(runs, name);
    cpSync(good, dir, { recursive: true });
    const r = readJson<RunResults>(join(dir, 'results.json'));
    r.id = name;
    change(r, dir);
    writeFileSync(join(dir, 'results.json'), JSON.stringify(r));
    return dir;
  }

  it('paths that lead out (samplesFile, scoresFile: relative, absolute, through links) are never read by the report, the ROC curves or --resume', async () => {
    const runs = join(root, 'runs-paths');
    const targets = [(dir: string) => relative(dir, secret), () => secret, () => '../../../../../../../../etc/hostname'];
    let n = 0;
    for (const target of targets) {
      for (const field of ['samplesFile', 'scoresFile'] as const) {
        tried();
        const dir = craft(runs, `path-${n++}`, (r, d) => {
          if (field === 'samplesFile') r.samplesFile = target(d);
          else for (const c of r.cells) c.scoresFile = target(d);
        });
        const results = readJson<RunResults>(join(dir, 'results.json'));
        readOutside(leaks(await dataExport({ runDir: dir, results }, 'html', 'auroc')));
        const detail = await readCellDetail(dir, results, results.cells[0].augmentation, results.anomalyTypes[0]);
        readOutside(leaks(JSON.stringify(detail)));
        if (field === 'scoresFile') assert.equal(detail.roc.length, 0, 'nothing read');
      }
    }
    tried();
    const linked = craft(runs, 'links', (r, d) => {
      rmSync(join(d, 'samples.png'));
      symlinkSync(secret, join(d, 'samples.png'));
      rmSync(join(d, 'scores'), { recursive: true });
      mkdirSync(join(root, 'outside-scores'), { recursive: true });
      for (const c of r.cells) writeFileSync(join(root, 'outside-scores', `${c.id}.json`), JSON.stringify({ sampleType: ['normal', 'flip'], score: [0, 1], note: CANARY }));
      symlinkSync(join(root, 'outside-scores'), join(d, 'scores'));
      r.status = 'failed';
      r.cells[1].status = 'failed';
    });
    const results = readJson<RunResults>(join(linked, 'results.json'));
    readOutside(leaks(await dataExport({ runDir: linked, results }, 'html', 'auroc')));
    readOutside(leaks(JSON.stringify(await readCellDetail(linked, results, results.cells[0].augmentation, 'flip'))));
    // --resume of that folder: its scores lie outside (through the link), so no cell counts as
    // completed; each trains again, and its scores write is refused too: nothing read or written there.
    const before = readdirSync(join(root, 'outside-scores')).map((f) => readFileSync(join(root, 'outside-scores', f), 'utf8'));
    const r = cli(['run', '--resume', linked, '--quiet']);
    readOutside(leaks(r.stdout + r.stderr));
    const resumed = await judge('resume of a folder whose scores/ links out', linked, r, { status: 'failed' });
    for (const c of resumed.cells) assert.match(c.error ?? '', /scores\/.*leads outside the run folder/);
    assert.deepEqual(readdirSync(join(root, 'outside-scores')).map((f) => readFileSync(join(root, 'outside-scores', f), 'utf8')), before, 'nothing written outside');
  });

  it('broken results.json files are reported per folder by every reader; the other runs stay listed', () => {
    const runs = join(root, 'runs-broken');
    const cases: Array<[string, (r: Record<string, unknown>) => void]> = [
      ['createdAt null', (r) => (r.createdAt = null)],
      ['no cells', (r) => delete r.cells],
      ['cells not a list', (r) => (r.cells = { a: 1 })],
      ['a cell without an id', (r) => ((r.cells as Array<Record<string, unknown>>)[0].id = undefined)],
      ['an id with a path', (r) => (r.id = '../../x')],
      ['a summary entry without metrics', (r) => ((r.summary as Array<Record<string, unknown>>)[0].metrics = null)],
      ['status made up', (r) => (r.status = 'fine')],
      ['a newer schema', (r) => (r.schemaVersion = 99)],
    ];
    for (const [name, change] of cases) {
      tried();
      const dir = join(runs, name.replace(/\W+/g, '-'));
      cpSync(good, dir, { recursive: true });
      const r = readJson<Record<string, unknown>>(join(dir, 'results.json'));
      change(r);
      writeFileSync(join(dir, 'results.json'), JSON.stringify(r));
    }
    tried();
    mkdirSync(join(runs, 'garbage'));
    writeFileSync(join(runs, 'garbage', 'results.json'), Buffer.from([0xff, 0xfe, 0, 1, 2]));
    cpSync(good, join(runs, 'fine'), { recursive: true });
    const listing = new RunFolderCache().list(runs);
    assert.deepEqual(listing.runs.map((x) => x.runDir), [join(runs, 'fine')]);
    assert.equal(listing.newProblems.length, cases.length + 1);
    for (const p of listing.newProblems) assert.ok(p.error.startsWith(join(p.runDir, 'results.json')), p.error);
  });

  it('bad image files: each named when the load fails; with onBadImage "skip" recorded in results.json and shown even with --quiet; a 10,000 × 10,000 PNG refused by the pixel budget', async () => {
    const data = join(root, 'images', 'data');
    for (const cls of ['a', 'b']) {
      mkdirSync(join(data, cls), { recursive: true });
      for (let i = 0; i < 8; i++) writeFileSync(join(data, cls, `${i}.png`), png(16, 16, i));
    }
    const bad: Array<[string, Buffer | string, RegExp]> = [
      ['huge.png', pngHeaderClaiming(10_000, 10_000), /PNG of 10000×10000 pixels is larger than the pixel budget of 50,000,000 \(runtime\.maxImagePixels\)/],
      ['truncated.png', png(16, 16, 3).subarray(0, 40), /truncated PNG/],
      ['text.png', 'hello', /not a PNG or JPEG file \(it looks like text\)/],
      ['empty.jpg', '', /empty file/],
    ];
    for (const [file, bytes, reason] of bad) {
      tried();
      writeFileSync(join(data, 'a', file), bytes);
      const config = writeConfig(join(root, 'images'), 'bad', {
        dataset: { source: 'folder', path: './data', layout: 'classes', normalClasses: ['a'], imageSize: 16, channels: 1 },
        testbed: { type: 'semantic', mode: 'one-vs-rest' },
      });
      const runsDir = join(root, 'images', `runs-${file}`);
      const r = cli(['run', config, '--out', runsDir, '--quiet']);
      const results = await judge(`bad image ${file}`, onlyRun(runsDir), r, { status: 'failed' });
      assert.match(results.error!, new RegExp(`cannot load image a/${file.replace('.', '\\.')} in the data set folder './data': ${reason.source}`));
      rmSync(join(data, 'a', file));
    }
    tried();
    for (const [file, bytes] of bad) writeFileSync(join(data, 'a', file), bytes);
    const config = writeConfig(join(root, 'images'), 'skip', {
      dataset: { source: 'folder', path: './data', layout: 'classes', normalClasses: ['a'], imageSize: 16, channels: 1, onBadImage: 'skip' },
      testbed: { type: 'semantic', mode: 'one-vs-rest' },
    });
    const runsDir = join(root, 'images', 'runs-skip');
    const r = cli(['run', config, '--out', runsDir, '--quiet']);
    const results = await judge('bad images skipped', onlyRun(runsDir), r, { status: 'completed' });
    assert.deepEqual(results.skipped?.map((s) => s.file).sort(), bad.map(([f]) => `a/${f}`).sort());
    assert.match(r.stderr, /ssad: 4 image files were skipped \(listed in results\.json\):\n {2}a\/empty\.jpg: empty file/);
    assert.ok(readdirSync(join(onlyRun(runsDir), 'scores')).length > 0);
    assert.ok(readFileSync(join(onlyRun(runsDir), 'results.json'), 'utf8').includes('"skipped"'));
  });
});
