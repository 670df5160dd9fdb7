import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resultsTabs, waitFor } from './resultsTabs';
import type { RunResults } from '../../../src/shared/results';

const FIXTURE_ID = '20261128-232858-shapes-fixture';
const OTHER_ID = '20261129-002729-quickstart';
const SELECTION_ID = '20261129-150033-selection-fixture';

function fixtureDir(id: string): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return join(folder.uri.fsPath, 'fixtures', 'runs', id);
}



function parseCsv(text: string): Array<Record<string, string>> {
  const [head, ...lines] = text.trimEnd().split('\n');
  const names = head.split(',');
  // The fixture has no quoted fields.
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

describe('SSAD results panel on a finished run (real extension host)', () => {
  // Scripted exports write without a dialog only inside the workspace.
  let out = '';
  let results: RunResults;

  before(async () => {
    out = mkdtempSync(join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'exports-'));
    results = JSON.parse(readFileSync(join(fixtureDir(FIXTURE_ID), 'results.json'), 'utf8')) as RunResults;
    await vscode.commands.executeCommand('ssad.openResults', fixtureDir(FIXTURE_ID));
    await waitFor(() => resultsTabs()[0], 'the results tab');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(out, { recursive: true, force: true });
  });

  it('opens the run given as a folder argument in the results tab', () => {
    assert.equal(resultsTabs().length, 1);
    assert.equal(resultsTabs()[0].label, 'SSAD Results');
  });

  it('exports the matrix as CSV equal to results.json (every metric, Δ vs none)', async () => {
    const file = join(out, 'matrix.csv');
    const written = await vscode.commands.executeCommand<string>('ssad.exportResults', 'csv', file);
    assert.equal(written, file);
    const rows = parseCsv(readFileSync(file, 'utf8'));
    assert.equal(rows.length, results.augmentations.length * (results.anomalyTypes.length + 1));
    assert.equal(rows[0].augmentation, 'none');
    for (const s of results.summary) {
      const row = rows.find((r) => r.augmentation === s.augmentation && r.anomaly_type === s.anomalyType);
      assert.ok(row, `${s.augmentation} × ${s.anomalyType} is in the CSV`);
      assert.equal(Number(row.auroc_mean), s.metrics.auroc.mean);
      assert.equal(Number(row.auroc_std), s.metrics.auroc.std);
      assert.equal(Number(row.ap_mean), s.metrics.ap.mean);
      assert.equal(Number(row.delta_auroc_vs_none_mean), s.augmentation === 'none' ? 0 : s.deltaAurocVsNone!.mean);
    }
  });

  it('exports JSON, the heatmap as SVG and a self-contained HTML report', async () => {
    const json = JSON.parse(readFileSync((await vscode.commands.executeCommand<string>('ssad.exportResults', 'json', join(out, 'm.json')))!, 'utf8'));
    assert.equal(json.cells.length, 20);
    const svg = readFileSync((await vscode.commands.executeCommand<string>('ssad.exportResults', 'svg', join(out, 'h.svg'), { metric: 'delta' }))!, 'utf8');
    assert.match(svg, /Δ AUROC vs none/);
    const html = readFileSync((await vscode.commands.executeCommand<string>('ssad.exportResults', 'html', join(out, 'r.html')))!, 'utf8');
    assert.match(html, /<img alt="sample sheet" src="data:image\/png;base64,/);
    assert.doesNotMatch(html, /<script|<link|src="http/);
  });

  it('exports the AUROC table as Markdown and LaTeX, equal to results.json; copies a text export to the clipboard', async () => {
    const md = readFileSync((await vscode.commands.executeCommand<string>('ssad.exportResults', 'markdown', join(out, 't.md')))!, 'utf8');
    const rowOf = (aug: string) => md.split('\n').find((l) => l.startsWith(`| ${aug} |`));
    for (const aug of results.augmentations) {
      const cells = rowOf(aug)?.slice(2, -2).split(' | ').slice(1);
      assert.ok(cells, `a row for ${aug}`);
      const all = results.summary.find((e) => e.augmentation === aug && e.anomalyType === 'all');
      assert.ok(all);
      assert.match(cells[cells.length - 1], new RegExp(`^(\\*\\*)?${all.metrics.auroc.mean.toFixed(3)} ± ${all.metrics.auroc.std.toFixed(3)}`));
    }
    const tex = readFileSync((await vscode.commands.executeCommand<string>('ssad.exportResults', 'latex', join(out, 't.tex')))!, 'utf8');
    assert.match(tex, /\\begin\{tabular\}[\s\S]*\\toprule[\s\S]*\\bottomrule/);
    assert.equal(await vscode.commands.executeCommand<string>('ssad.exportResults', 'latex', 'clipboard'), 'clipboard');
    assert.equal(await vscode.env.clipboard.readText(), tex);
    assert.equal(await vscode.commands.executeCommand<string>('ssad.exportResults', 'markdown', 'clipboard'), 'clipboard');
    assert.equal(await vscode.env.clipboard.readText(), md);
  });

  it('keeps a note and tags in the run folder, and the JSON export and the HTML report carry them', async () => {
    const dir = fixtureDir(FIXTURE_ID);
    const tagged = await vscode.commands.executeCommand<{ note: string; tags: string[] }>('ssad.editRunTags', dir, '#paper, shapes paper');
    assert.deepEqual(tagged?.tags, ['paper', 'shapes']);
    await vscode.commands.executeCommand('ssad.editRunNote', dir, 'the fixture: 2 seeds, tiny network');
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'notes.json'), 'utf8')), { note: 'the fixture: 2 seeds, tiny network', tags: ['paper', 'shapes'] });
    const json = JSON.parse(readFileSync((await vscode.commands.executeCommand<string>('ssad.exportResults', 'json', join(out, 'noted.json')))!, 'utf8'));
    assert.equal(json.note, 'the fixture: 2 seeds, tiny network');
    assert.deepEqual(json.tags, ['paper', 'shapes']);
    const html = readFileSync((await vscode.commands.executeCommand<string>('ssad.exportResults', 'html', join(out, 'noted.html')))!, 'utf8');
    assert.match(html, /Tags: paper, shapes/);
    assert.match(html, /the fixture: 2 seeds, tiny network/);
    // Bad tags are refused and nothing changes.
    assert.equal(await vscode.commands.executeCommand('ssad.editRunTags', dir, 'a;b'), undefined);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'notes.json'), 'utf8')).tags, ['paper', 'shapes']);
    rmSync(join(dir, 'notes.json'));
  });

  it('asks before a scripted export writes outside the workspace, and writes nothing without a yes', async () => {
    const outside = join(mkdtempSync(join(tmpdir(), 'ssad-export-')), 'm.csv');
    // A test workbench refuses to show modal dialogs, with an error quoting the dialog.
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ssad.exportResults', 'csv', outside)), /outside the workspace/);
    assert.ok(!existsSync(outside), 'nothing was written');
  });

  it('exports the heatmap canvas as a PNG drawn by the webview', async function () {
    this.timeout(90_000);
    const file = join(out, 'heatmap.png');
    const written = await vscode.commands.executeCommand<string>('ssad.exportResults', 'png', file, { chart: 'heatmap' });
    assert.equal(written, file);
    const bytes = readFileSync(file);
    assert.deepEqual([...bytes.subarray(1, 4)], [0x50, 0x4e, 0x47], 'a PNG signature');
    assert.ok(bytes.length > 1000);
  });

  it('exports a chart of a hidden panel: the panel is shown again and draws it', async function () {
    this.timeout(90_000);
    // Another editor in the panel's group hides it.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'hides the panel', language: 'plaintext' }), { viewColumn: vscode.ViewColumn.Active });
    await waitFor(() => !resultsTabs()[0]?.isActive || undefined, 'the results tab hidden');
    const file = join(out, 'hidden.png');
    assert.equal(await vscode.commands.executeCommand<string>('ssad.exportResults', 'png', file, { chart: 'heatmap' }), file);
    assert.deepEqual([...readFileSync(file).subarray(1, 4)], [0x50, 0x4e, 0x47]);
    assert.ok(resultsTabs()[0]?.isActive, 'the panel is shown again');
  });

  it('compares three runs in one panel: a heatmap per run, each minus the baseline, overlaid training curves', async function () {
    this.timeout(60_000);
    const dirs = [OTHER_ID, FIXTURE_ID, SELECTION_ID].map(fixtureDir);
    await vscode.commands.executeCommand('ssad.compareRuns', ...dirs);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(resultsTabs().length, 1);
    // The webview answers only with a chart it has drawn: every run's heatmap, B − A and C − A.
    for (const chart of ['compare-run-0', 'compare-run-1', 'compare-run-2', 'compare-diff-1', 'compare-diff-2', 'compare-loss']) {
      const file = join(out, `${chart}.png`);
      assert.equal(await vscode.commands.executeCommand<string>('ssad.exportResults', 'png', file, { chart }), file, chart);
      assert.ok(existsSync(file), chart);
    }
    // The baseline has no difference with itself.
    assert.equal(await vscode.commands.executeCommand<string>('ssad.exportResults', 'png', join(out, 'none.png'), { chart: 'compare-diff-0' }), undefined);
  });

  it('exports the comparison as one LaTeX and one Markdown table whose every cell equals the runs\' results.json', async function () {
    this.timeout(30_000);
    const ids = [OTHER_ID, FIXTURE_ID, SELECTION_ID];
    await vscode.commands.executeCommand('ssad.compareRuns', ...ids.map(fixtureDir));
    const runs = ids.map((id) => JSON.parse(readFileSync(join(fixtureDir(id), 'results.json'), 'utf8')) as RunResults);
    const md = readFileSync((await vscode.commands.executeCommand<string>('ssad.exportResults', 'markdown', join(out, 'c.md')))!, 'utf8');
    const tex = readFileSync((await vscode.commands.executeCommand<string>('ssad.exportResults', 'latex', join(out, 'c.tex')))!, 'utf8');
    const mdRows = md.split('\n').filter((l) => l.startsWith('| ')).map((l) => l.slice(2, -2).split(' | '));
    const mdColumns = mdRows[0].slice(2);
    const lines = tex.split('\n');
    const texColumns = lines[lines.indexOf('\\toprule') + 1].replace(/ \\\\$/, '').split(' & ').slice(2);
    const texRows = lines
      .slice(lines.indexOf('\\toprule') + 2, lines.indexOf('\\bottomrule'))
      .filter((l) => l !== '\\midrule')
      .map((l) => l.replace(/ \\\\$/, '').split(' & '));
    assert.deepEqual(texColumns.map((c) => c.replace(/\\_/g, '_')), mdColumns.map((c) => c.replace(/\\_/g, '_')));
    let checked = 0;
    for (const [k, run] of runs.entries()) {
      const letter = String.fromCharCode(65 + k);
      assert.match(md, new RegExp(`${letter} = ${run.name.replace(/[-_]/g, '.')}`), `the caption names run ${letter}`);
      for (const entry of run.summary) {
        const column = mdColumns.findIndex((c) => c.replace(/\\_/g, '_') === entry.anomalyType);
        if (column < 0) continue;
        const mdRow = mdRows.find((r) => r[0] === letter && r[1].replace(/\\_/g, '_') === entry.augmentation);
        const texRow = texRows.find((r) => r[0] === letter && r[1].replace(/\\_/g, '_') === entry.augmentation);
        assert.ok(mdRow && texRow, `${letter} ${entry.augmentation}`);
        const { mean, std } = entry.metrics.auroc;
        const n = run.config.seeds.length * run.normalClasses.length;
        const text = n > 1 ? `${mean.toFixed(3)} ± ${std.toFixed(3)}` : mean.toFixed(3);
        assert.equal(mdRow[2 + column].replace(/\*\*|\\\*/g, ''), text, `${letter} ${entry.augmentation} × ${entry.anomalyType} (Markdown)`);
        assert.equal(texRow[2 + column].replace(/\$|\\mathbf\{|\}|\^\{\*\}|\{/g, '').replace(' \\pm ', ' ± '), text, `${letter} ${entry.augmentation} × ${entry.anomalyType} (LaTeX)`);
        checked++;
      }
    }
    assert.ok(checked >= runs.reduce((sum, r) => sum + r.summary.filter((e) => mdColumns.includes(e.anomalyType)).length, 0));
    assert.ok(checked > 50, `${checked} cells checked`);
  });

  it('contributes ssad.results.openOnFinish, on by default', () => {
    assert.equal(vscode.workspace.getConfiguration('ssad.results').get('openOnFinish'), true);
  });
});
