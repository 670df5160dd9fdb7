/**
 * The extension reads a run folder only within its bounds (issue 11, defect 6): a crafted
 * `samplesFile` or `scoresFile` in results.json (`../../../../etc/hostname`, an absolute path, a
 * symbolic link out) never pulls another file into a report or a chart; a scripted export writes
 * without asking only inside the workspace.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { readCellDetail } from '../../../../src/extension/results/cellDetail';
import { dataExport, insideFolders } from '../../../../src/extension/results/exportData';
import type { RunResults } from '../../../../src/shared/results';
import { cell, results } from '../../../helpers/runResultsFixtures';

const SECRET = 'ssad-secret-canary-7f3a';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('reads from run folders stay inside them', () => {
  let root: string;
  let runDir: string;
  let secret: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ssad-crafted-'));
    runDir = join(root, 'workspace', '.ssad', 'runs', 'r');
    mkdirSync(join(runDir, 'scores'), { recursive: true });
    secret = join(root, 'secret.txt');
    writeFileSync(secret, `${SECRET}\n`);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const contains = (text: string): boolean => text.includes(SECRET) || text.includes(Buffer.from(`${SECRET}\n`).toString('base64'));

  it('the HTML report leaves out a samplesFile outside the run folder (relative, absolute or through a link)', async () => {
    symlinkSync(secret, join(runDir, 'linked.png'));
    for (const samplesFile of [relative(runDir, secret), secret, 'linked.png', '../../../../../../../../etc/hostname']) {
      const html = await dataExport({ runDir, results: { ...results([]), status: 'completed', samplesFile } }, 'html', 'auroc');
      assert.ok(!contains(html), `${samplesFile} leaked into the report`);
      assert.doesNotMatch(html, /data:image\/png;base64/);
    }
    writeFileSync(join(runDir, 'samples.png'), PNG);
    const html = await dataExport({ runDir, results: { ...results([]), status: 'completed', samplesFile: 'samples.png' } }, 'html', 'auroc');
    assert.match(html, new RegExp(`data:image/png;base64,${PNG.toString('base64')}`), 'the real sample sheet is inlined');
  });

  it('ROC curves read no scoresFile outside the run folder', async () => {
    const c = { ...cell('none__s0__c7', 'none', { flip: 0.5 }), scoresFile: relative(runDir, secret) };
    writeFileSync(secret, JSON.stringify({ sampleType: ['normal', 'flip'], score: [0, 1], note: SECRET }));
    const r: RunResults = { ...results([c]), status: 'completed' };
    const detail = await readCellDetail(runDir, r, 'none', 'flip');
    assert.equal(detail.roc.length, 0, 'nothing was read');
    assert.match(detail.problem ?? '', /points outside the run folder/);
    symlinkSync(secret, join(runDir, 'scores', 'link.json'));
    const linked = await readCellDetail(runDir, { ...r, cells: [{ ...c, scoresFile: 'scores/link.json' }] }, 'none', 'flip');
    assert.equal(linked.roc.length, 0);
    assert.match(linked.problem ?? '', /symbolic link/);
    writeFileSync(join(runDir, 'scores', 'ok.json'), JSON.stringify({ sampleType: ['normal', 'flip'], score: [0, 1] }));
    const ok = await readCellDetail(runDir, { ...r, cells: [{ ...c, scoresFile: 'scores/ok.json' }] }, 'none', 'flip');
    assert.equal(ok.roc.length, 1);
  });

  it('a scripted export target is inside the workspace only when it really is (no .., no link out)', () => {
    const ws = join(root, 'workspace');
    assert.ok(insideFolders(join(ws, 'exports', 'm.csv'), [ws]));
    assert.ok(!insideFolders(join(ws, '..', 'm.csv'), [ws]));
    assert.ok(!insideFolders(join(root, 'elsewhere', 'm.csv'), [ws]));
    assert.ok(!insideFolders(ws, [ws]), 'the folder itself is not a file in it');
    symlinkSync(root, join(ws, 'out'));
    assert.ok(!insideFolders(join(ws, 'out', 'm.csv'), [ws]), 'a link that leads out of the workspace');
  });
});

describe('cell detail of the pooled one-vs-one column', () => {
  it('reads no scores and says which columns have ROC curves', async () => {
    const r = { ...results([cell('c1', 'none', { a: 0.7, all: 0.7 })]), anomalyTypes: ['a', 'b'] };
    const detail = await readCellDetail('/nonexistent-run-folder', r, 'none', 'one-vs-one');
    assert.equal(detail.roc.length, 0);
    assert.match(detail.problem ?? '', /one-vs-one pools every normal class against every other class; click one class's column/);
  });
});

