import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExperimentsSnapshot } from '../../../src/shared/experimentsProtocol';
import type { RunResults } from '../../../src/shared/results';
import { activateExtension, runsDir, waitFor, workspaceCleanup, workspaceDir } from './runsHelpers';

const FIXTURES = ['20261128-232858-shapes-fixture', '20261129-002729-quickstart', '20261129-150033-selection-fixture'];

function experimentsTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('ssad.experiments'));
}

describe('SSAD experiments table (real extension host)', () => {
  let cleanup: () => void;
  const dirs = FIXTURES.map((id) => path.join(runsDir(), id));

  before(async function () {
    this.timeout(30_000);
    await activateExtension();
    cleanup = workspaceCleanup();
    mkdirSync(runsDir(), { recursive: true });
    for (const id of FIXTURES) cpSync(path.join(workspaceDir(), 'fixtures', 'runs', id), path.join(runsDir(), id), { recursive: true });
    writeFileSync(path.join(dirs[0], 'notes.json'), JSON.stringify({ note: 'two seeds, tiny network', tags: ['paper', 'shapes'] }));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    cleanup();
  });

  it('opens one table that lists every run of the runs folder with its scale, metrics, note and tags', async function () {
    this.timeout(30_000);
    const snapshot = await vscode.commands.executeCommand<ExperimentsSnapshot>('ssad.openExperiments');
    await waitFor(() => experimentsTabs()[0], 'the experiments tab');
    await vscode.commands.executeCommand('ssad.openExperiments');
    assert.equal(experimentsTabs().length, 1, 'one table per window');
    for (const [k, dir] of dirs.entries()) {
      const results = JSON.parse(readFileSync(path.join(dir, 'results.json'), 'utf8')) as RunResults;
      const row = snapshot.rows.find((r) => path.resolve(r.runDir) === path.resolve(dir));
      assert.ok(row, `a row for ${FIXTURES[k]}`);
      assert.equal(row.name, results.name);
      assert.equal(row.status, results.status);
      assert.equal(row.trainImages, results.scale.trainImages);
      assert.equal(row.epochs, results.scale.epochs);
      assert.equal(row.seeds, results.config.seeds.length);
      assert.equal(row.normalClasses, results.normalClasses.length);
      for (const type of [...results.anomalyTypes, 'all']) {
        const entries = results.summary.filter((e) => e.anomalyType === type);
        const best = Math.max(...entries.map((e) => e.metrics.auroc.mean));
        assert.equal(row.columns[type]?.auroc, best, `${results.name}: best AUROC on ${type}`);
        assert.equal(row.columns[type]?.none, entries.find((e) => e.augmentation === 'none')?.metrics.auroc.mean ?? null);
      }
    }
    const noted = snapshot.rows.find((r) => path.resolve(r.runDir) === path.resolve(dirs[0]));
    assert.equal(noted?.note, 'two seeds, tiny network');
    assert.deepEqual(noted?.tags, ['paper', 'shapes']);
  });

  it('compares the runs of a multi-selection (as the runs view passes them), oldest first', async function () {
    this.timeout(30_000);
    const node = (dir: string) => ({ kind: 'run', runDir: dir });
    // The runs view calls (clicked node, selected nodes).
    await vscode.commands.executeCommand('ssad.compareRuns', node(dirs[2]), [node(dirs[2]), node(dirs[0])]);
    const tab = await waitFor(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'SSAD Results'), 'the results tab');
    assert.ok(tab);
    const file = path.join(workspaceDir(), 'compare-selection.md');
    try {
      await vscode.commands.executeCommand('ssad.exportResults', 'markdown', file);
      const md = readFileSync(file, 'utf8');
      // A is the older run (the shapes fixture), B the selection fixture.
      assert.match(md, /A = shapes-fixture .*B = selection-fixture/s);
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('deletes the runs of a multi-selection after one confirmation, and only after it', async () => {
    // A test workbench refuses modal dialogs: the command rejects with the dialog's text and deletes nothing.
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ssad.deleteRun', undefined, [dirs[1], dirs[2]])), /Delete 2 run folders/);
    assert.ok(existsSync(dirs[1]) && existsSync(dirs[2]));
  });
});
