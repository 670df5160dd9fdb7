// Scaffolding end to end in the real extension host: New Augmentation (argument object, no
// prompts) writes a module that is run unedited at test scale through the CLI bundle and shows up
// in results.json; New Experiment Config writes a config the engine accepts; a broken module
// fails only its cell, with path and line, and the extension stays healthy; the preview renders.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { validateConfig } from '../../../src/engine/api';
import type { PreviewState } from '../../../src/shared/previewProtocol';
import type { RunResults } from '../../../src/shared/results';

const EXTENSION_ID = 'ssad-lab.ssad-lab';

interface NewAugmentationResult {
  uri: vscode.Uri;
  configPath: string;
}

function workspaceDir(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the harness opens a workspace folder');
  return folder.uri.fsPath;
}

/** A name of its own for each run of the suite, so reruns in one workspace never collide. */
const SUFFIX = `x${Date.now().toString(36)}`;

/** The test scale: 16 px shapes, a 2-block DAE of width 4, one epoch. */
function tinyConfig(name: string, augmentations: string[], anomalies: string[]): Record<string, unknown> {
  return {
    name,
    dataset: { source: 'shapes', normalClasses: [0], imageSize: 16, maxTrain: 32, maxTest: 16 },
    testbed: { type: 'synthetic', anomalies },
    detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
    augmentations,
    training: { epochs: 1, batchSize: 16, learningRate: 0.003, schedule: 'cosine' },
    seeds: [0],
    runtime: { backend: 'wasm', parallelism: 2 },
  };
}

/** `ssad run` from the extension's own CLI bundle, in a child process (never blocking the extension host). */
async function runCli(extensionPath: string, configFile: string, runsDir: string): Promise<{ status: number | null; results: RunResults; output: string; runDir: string }> {
  const before = new Set(existsSync(runsDir) ? readdirSync(runsDir) : []);
  const cli = spawn(process.execPath, [path.join(extensionPath, 'dist', 'cli.js'), 'run', configFile, '--out', runsDir, '--quiet'], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  cli.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  cli.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const status = await new Promise<number | null>((resolve) => cli.once('exit', (code) => resolve(code)));
  const created = readdirSync(runsDir).filter((d) => !before.has(d));
  assert.equal(created.length, 1, `one new run folder (${output})`);
  const runDir = path.join(runsDir, created[0]);
  const results = JSON.parse(readFileSync(path.join(runDir, 'results.json'), 'utf8')) as RunResults;
  return { status, results, output, runDir };
}

describe('scaffolding: new augmentation, new config, custom modules that run, preview', function () {
  this.timeout(300_000);
  let extension: vscode.Extension<unknown>;
  let root: string;
  let runsDir: string;
  let created: NewAugmentationResult;
  const cleanup: string[] = [];

  before(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found);
    extension = found;
    await extension.activate();
    root = workspaceDir();
    runsDir = path.join(root, '.ssad', `scaffold-runs-${SUFFIX}`);
    mkdirSync(runsDir, { recursive: true });
    cleanup.push(runsDir);
  });

  after(() => {
    for (const p of cleanup) rmSync(p, { recursive: true, force: true });
  });

  it('New Augmentation writes a typed module and the interface .d.ts, and opens the module', async () => {
    const name = `soft-square-${SUFFIX}`;
    const result = await vscode.commands.executeCommand<NewAugmentationResult>('ssad.newAugmentation', { name, template: 'patch', purpose: 'both' });
    assert.ok(result, 'the command resolves to what it wrote');
    created = result;
    cleanup.push(result.uri.fsPath);
    assert.equal(result.configPath, `./ssad/augmentations/${name}.ts`);
    const text = readFileSync(result.uri.fsPath, 'utf8');
    assert.match(text, /import type \{ AugmentationDefinition \} from '\.\/ssad-augmentation';/);
    assert.match(text, new RegExp(`name: '${name}'`));
    assert.match(text, /Worked example/);
    assert.ok(existsSync(path.join(root, 'ssad', 'augmentations', 'ssad-augmentation.d.ts')), 'the .d.ts is written');
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, result.uri.fsPath, 'the module is opened');
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('ssad.newAugmentation', { name: 'flip', template: 'patch', purpose: 'both' })),
      /built-in/,
    );
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('ssad.newAugmentation', { name, template: 'patch', purpose: 'both' })), /already exists/);
  });

  it('New Experiment Config writes a config with $schema that the engine validates, and opens it', async () => {
    const result = await vscode.commands.executeCommand<{ uri: vscode.Uri }>('ssad.newExperimentConfig', {
      name: `scaffold-${SUFFIX}`,
      dataset: 'mnist',
      testbed: 'synthetic',
      augmentations: ['rotate', created.configPath],
      anomalies: ['flip', created.configPath],
      detector: 'dae',
      scale: 'quick',
    });
    cleanup.push(result.uri.fsPath);
    const json = JSON.parse(readFileSync(result.uri.fsPath, 'utf8')) as { $schema: string; augmentations: string[] };
    assert.ok(existsSync(path.resolve(path.dirname(result.uri.fsPath), json.$schema)), `$schema ${json.$schema} points at a file`);
    assert.deepEqual(json.augmentations, ['none', 'rotate', created.configPath]);
    const checked = validateConfig(json, { baseDir: path.dirname(result.uri.fsPath) });
    assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.errors));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, result.uri.fsPath);
  });

  it('Open Quickstart Config copies the embedded quickstart into the workspace (same grid, $schema set), opens it, and never overwrites a copy', async () => {
    const file = path.join(workspaceDir(), 'quickstart.ssad.json');
    assert.ok(!existsSync(file), 'no copy before');
    cleanup.push(file);
    const first = await vscode.commands.executeCommand<{ uri: vscode.Uri; created: boolean }>('ssad.openQuickstartConfig');
    assert.equal(first.uri.fsPath, file);
    assert.equal(first.created, true);
    const embedded = JSON.parse(readFileSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'examples', 'quickstart.ssad.json'), 'utf8')) as Record<string, unknown>;
    const copy = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const { $schema: schema, ...rest } = copy;
    const { $schema: _embeddedSchema, ...expected } = embedded;
    assert.deepEqual(rest, expected, 'the same grid as the embedded quickstart');
    assert.ok(existsSync(path.resolve(workspaceDir(), String(schema))), `$schema ${String(schema)} points at a file`);
    assert.ok(validateConfig(copy, { baseDir: workspaceDir() }).ok);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, file);
    // A user's edit is kept: the command opens the copy again instead of writing over it.
    writeFileSync(file, readFileSync(file, 'utf8').replace('"quickstart"', '"my-quickstart"'));
    const again = await vscode.commands.executeCommand<{ created: boolean }>('ssad.openQuickstartConfig');
    assert.equal(again.created, false);
    assert.match(readFileSync(file, 'utf8'), /"my-quickstart"/);
  });

  it('runs the new module unedited at test scale (ssad run); its row is in results.json', async () => {
    const file = path.join(root, `scaffold-tiny-${SUFFIX}.ssad.json`);
    cleanup.push(file);
    writeFileSync(file, JSON.stringify(tinyConfig('scaffold-tiny', ['none', created.configPath], ['flip', created.configPath]), null, 2));
    const { status, results, output, runDir } = await runCli(extension.extensionPath, file, runsDir);
    assert.equal(status, 0, output);
    assert.equal(results.status, 'completed');
    assert.ok(results.augmentations.includes(created.configPath));
    assert.ok(results.anomalyTypes.includes(created.configPath), 'the module is an anomaly type too');
    const row = results.cells.find((c) => c.augmentation === created.configPath);
    assert.equal(row?.status, 'completed', row?.error);
    assert.ok(Number.isFinite(row?.metrics?.[created.configPath]?.auroc));
    assert.ok(results.summary.some((s) => s.augmentation === created.configPath), 'the module has a summary row');
    // The results panel draws it: its heatmap (exported as SVG from the same matrix) has the
    // module as a row and as a column.
    await vscode.commands.executeCommand('ssad.openResults', runDir);
    const svgFile = path.join(runsDir, `heatmap-${SUFFIX}.svg`);
    const written = await vscode.commands.executeCommand<string>('ssad.exportResults', 'svg', svgFile);
    const svg = readFileSync(written ?? svgFile, 'utf8');
    assert.ok(svg.includes(`>${created.configPath} <tspan`), 'the module is a heatmap row');
    assert.ok(svg.includes(`text-anchor="middle">${created.configPath}</text>`), 'the module is a heatmap column');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a module that throws or returns the wrong shape fails only its cell, with path and line; the extension stays healthy', async () => {
    const dir = path.join(root, 'ssad', 'augmentations');
    const throws = `throws-${SUFFIX}`;
    const shape = `wrong-shape-${SUFFIX}`;
    writeFileSync(path.join(dir, `${throws}.ts`), [
      "import type { AugmentationDefinition } from './ssad-augmentation';",
      `const augmentation: AugmentationDefinition = { name: '${throws}', category: 'custom', description: 'Fails.', params: {},`,
      '  apply() {',
      "    throw new Error('no patch fits');",
      '  },',
      '};',
      'export default augmentation;',
      '',
    ].join('\n'));
    writeFileSync(path.join(dir, `${shape}.ts`), [
      "import type { AugmentationDefinition } from './ssad-augmentation';",
      `const augmentation: AugmentationDefinition = { name: '${shape}', category: 'custom', description: 'Drops an image.', params: {},`,
      '  apply(batch) {',
      '    return { ...batch, n: batch.n - 1 };',
      '  },',
      '};',
      'export default augmentation;',
      '',
    ].join('\n'));
    cleanup.push(path.join(dir, `${throws}.ts`), path.join(dir, `${shape}.ts`));
    const file = path.join(root, `scaffold-broken-${SUFFIX}.ssad.json`);
    cleanup.push(file);
    const refs = [`./ssad/augmentations/${throws}.ts`, `./ssad/augmentations/${shape}.ts`];
    writeFileSync(file, JSON.stringify(tinyConfig('scaffold-broken', ['none', ...refs], ['flip']), null, 2));
    const { status, results, output } = await runCli(extension.extensionPath, file, runsDir);
    assert.equal(status, 1, output);
    assert.equal(results.status, 'failed');
    const cell = (ref: string) => results.cells.find((c) => c.augmentation === ref);
    assert.equal(cell('none')?.status, 'completed', 'the other cells go on');
    assert.equal(cell(refs[0])?.status, 'failed');
    assert.equal(cell(refs[0])?.error, `ssad/augmentations/${throws}.ts:4: no patch fits`);
    assert.equal(cell(refs[1])?.status, 'failed');
    assert.match(cell(refs[1])?.error ?? '', new RegExp(`^ssad/augmentations/${shape}\\.ts:3: apply returned a batch of shape`));
    // The extension's own run command gives the same failed cells, and the extension goes on.
    const outcome = await vscode.commands.executeCommand<{ outcome: string; status?: string; runDir?: string }>('ssad.runExperiment', vscode.Uri.file(file));
    assert.equal(outcome?.outcome, 'finished', JSON.stringify(outcome));
    assert.equal(outcome?.status, 'failed');
    cleanup.push(outcome!.runDir!);
    const inEditor = JSON.parse(readFileSync(path.join(outcome!.runDir!, 'results.json'), 'utf8')) as RunResults;
    assert.equal(inEditor.cells.find((c) => c.augmentation === refs[0])?.error, `ssad/augmentations/${throws}.ts:4: no patch fits`);
    assert.equal(inEditor.cells.find((c) => c.augmentation === 'none')?.status, 'completed');
    // Healthy: still active, and a command that needs a child process still works.
    assert.equal(extension.isActive, true);
    const state = await vscode.commands.executeCommand<PreviewState>('ssad.previewAugmentation', 'flip');
    assert.equal(state?.kind, 'image');
  });

  it('Preview Augmentation renders the new module on real digits, and a broken one as an error with path and line', async () => {
    const state = await vscode.commands.executeCommand<PreviewState>('ssad.previewAugmentation', created.uri);
    assert.equal(state?.kind, 'image', state?.kind === 'error' ? state.error : '');
    if (state?.kind !== 'image') return;
    assert.equal(state.id, created.configPath);
    assert.ok(state.width > 0 && state.height > 0);
    assert.match(state.imageUri, /^data:image\/png;base64,/);
    assert.deepEqual(state.rows, ['original', 'train (draw 1)', 'train (draw 2)', 'anomaly mode']);
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('ssad.preview'));
    assert.ok(tab, 'the preview panel is open');

    // Saving the module re-renders the preview with the new code.
    const doc = await vscode.workspace.openTextDocument(created.uri);
    const edit = new vscode.WorkspaceEdit();
    const at = doc.getText().indexOf("description: 'Fills");
    assert.ok(at > 0, 'the template has its description');
    edit.insert(created.uri, doc.positionAt(at + "description: '".length), 'Edited. ');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await doc.save());
    const start = Date.now();
    let refreshed: PreviewState | undefined;
    while (Date.now() - start < 60_000) {
      refreshed = await vscode.commands.executeCommand<PreviewState>('ssad.preview.state');
      if (refreshed?.kind === 'image' && refreshed.renderedAt !== state.renderedAt) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(refreshed?.kind, 'image', 'the preview re-rendered after the save');
    assert.match(refreshed?.kind === 'image' ? refreshed.description : '', /^Edited\. Fills/);

    const broken = path.join(root, 'ssad', 'augmentations', `nan-${SUFFIX}.ts`);
    cleanup.push(broken);
    writeFileSync(broken, `export default { name: 'nan-${SUFFIX}', category: 'custom', description: 'NaN.', params: {},\n  apply: (b: { data: Float32Array }) => ({ ...b, data: b.data.map(() => NaN) }) };\n`);
    const failed = await vscode.commands.executeCommand<PreviewState>('ssad.previewAugmentation', vscode.Uri.file(broken));
    assert.equal(failed?.kind, 'error');
    assert.match(failed?.kind === 'error' ? failed.error : '', new RegExp(`^ssad/augmentations/nan-${SUFFIX}\\.ts:2: apply returned NaN`));
  });
});

// Runs in Restricted Mode only: `node scripts/test-vscode.mjs --workspace-trust` with
// SSAD_TEST_GREP="Restricted Mode". Custom code never runs there; built-ins still preview.
describe('scaffolding in Restricted Mode: custom modules are not previewed', function () {
  this.timeout(120_000);

  it('refuses to preview a custom module, and still previews a built-in', async function () {
    if (vscode.workspace.isTrusted) this.skip();
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    const dir = path.join(workspaceDir(), 'ssad', 'augmentations');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `restricted-${SUFFIX}.ts`);
    writeFileSync(file, `throw new Error('must never run');\n`);
    try {
      const refused = await vscode.commands.executeCommand<PreviewState | undefined>('ssad.previewAugmentation', vscode.Uri.file(file));
      assert.equal(refused, undefined, 'nothing was rendered');
      const builtin = await vscode.commands.executeCommand<PreviewState>('ssad.previewAugmentation', 'cutout');
      assert.equal(builtin?.kind, 'image');
    } finally {
      rmSync(file, { force: true });
    }
  });
});
