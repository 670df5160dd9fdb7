import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClusterJobOutcome } from '../../../src/extension/cluster/exportClusterJob';
import type { MergeShardsOutcome } from '../../../src/extension/runs/mergeShardGroup';
import type { RunsFeatureApi } from '../../../src/extension/runs/registerRuns';
import type { RunNode, ShardGroupNode } from '../../../src/extension/runs/runsTree';
import type { RunResults } from '../../../src/shared/results';
import { resultsTabs } from './resultsTabs';
import { EXTENSION_ID, activateExtension, runsDir, waitFor, workspaceCleanup, workspaceDir } from './runsHelpers';

/** A grid of 4 cells (none, flip × classes 0, 1) that trains in seconds: 3 shards hold 2, 1 and 1. */
const GRID = {
  name: 'tiny-shards',
  dataset: { source: 'shapes', normalClasses: [0, 1], imageSize: 16, maxTrain: 64, maxTest: 16 },
  testbed: { type: 'synthetic', anomalies: ['flip', 'cutout'] },
  detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
  augmentations: ['none', 'flip'],
  training: { epochs: 2, batchSize: 32, learningRate: 0.003, schedule: 'constant' },
  seeds: [0],
  runtime: { backend: 'wasm', parallelism: 1 },
};

const IMAGE = 'registry.example.com/ssad:0.1.0';

function readResults(runDir: string): RunResults {
  return JSON.parse(readFileSync(path.join(runDir, 'results.json'), 'utf8')) as RunResults;
}

function cliScript(): string {
  const extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
  assert.ok(extensionPath, 'the extension is installed');
  return path.join(extensionPath, 'dist', 'cli.js');
}

/** `ssad run CONFIG --shard i/n --out RUNS`, as a cluster node runs it, with the extension's own CLI bundle. */
function trainShard(config: string, shard: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // A desktop extension host is Electron: run it as Node (harmless for Node itself).
    const child = spawn(process.execPath, [cliScript(), 'run', config, '--shard', shard, '--out', runsDir(), '--quiet'], {
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`ssad run --shard ${shard} exited ${code}: ${stderr}`))));
  });
}

function writeConfig(folder: string, file: string, config: object): string {
  const dir = path.join(workspaceDir(), folder);
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, file);
  writeFileSync(target, JSON.stringify(config, null, 2));
  return target;
}

function shardGroups(api: RunsFeatureApi): ShardGroupNode[] {
  return api.runsTree.getChildren().filter((n): n is ShardGroupNode => n.kind === 'shards');
}

describe('SSAD scale-out: shard runs grouped and merged, cluster jobs exported (real extension host)', function () {
  this.timeout(300_000);
  let api: RunsFeatureApi;
  let cleanUp: () => void = () => {};
  let config = '';
  let shardDirs: string[] = [];
  let mergedDir = '';

  before(async function () {
    if (!vscode.workspace.isTrusted) this.skip(); // Restricted Mode: the describe below
    api = await activateExtension();
    cleanUp = workspaceCleanup();
    config = writeConfig('scale-out', 'grid.ssad.json', GRID);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    cleanUp();
    api?.runsTree.refresh();
  });

  it('shows the three shard runs of one grid (trained by ssad run --shard) as one group with three children', async () => {
    // One after the other: the machine may have two cores only.
    for (const i of [0, 1, 2]) await trainShard(config, `${i}/3`);
    api.runsTree.refresh();
    const group = await waitFor(
      () => shardGroups(api).find((g) => g.group.name === 'tiny-shards' && g.group.runs.length === 3),
      'one group of three shard runs in the runs view',
      20_000,
    );
    const item = api.runsTree.getTreeItem(group);
    assert.equal(item.label, 'tiny-shards · shards 3 of 3');
    assert.equal(item.description, 'all shards');
    assert.equal(item.contextValue, 'ssad.shards', 'Merge Shards is in its context menu');
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'pass');
    const children = api.runsTree.getChildren(group) as RunNode[];
    assert.deepEqual(
      children.map((c) => api.runsTree.getTreeItem(c).label),
      ['shard 0/3', 'shard 1/3', 'shard 2/3'],
    );
    for (const c of children) assert.equal(c.results.status, 'completed');
    assert.deepEqual(children.map((c) => c.results.cells.length).sort(), [1, 1, 2]);
    shardDirs = children.map((c) => c.runDir);
    // No shard run is listed at the top level by itself.
    const topLevelRuns = api.runsTree.getChildren().filter((n): n is RunNode => n.kind === 'run');
    assert.ok(!topLevelRuns.some((n) => shardDirs.includes(n.runDir)));
  });

  it('Merge Shards on the group makes a completed run with the shards’ cell AUROCs, shown in the runs view', async function () {
    if (shardDirs.length !== 3) this.skip();
    const [group] = shardGroups(api).filter((g) => g.group.name === 'tiny-shards');
    const outcome = (await vscode.commands.executeCommand('ssad.mergeShards', group)) as MergeShardsOutcome;
    assert.ok(outcome.outcome === 'merged', JSON.stringify(outcome));
    assert.equal(outcome.status, 'completed');
    assert.deepEqual(outcome.missing, []);
    assert.equal(path.dirname(outcome.runDir), runsDir(), 'the merged run is in the runs folder');
    assert.match(path.basename(outcome.runDir), /^\d{8}-\d{6}-tiny-shards-merged(-\d+)?$/);
    mergedDir = outcome.runDir;

    const merged = readResults(mergedDir);
    assert.equal(merged.status, 'completed');
    assert.equal(merged.mergedFrom?.length, 3);
    assert.equal(merged.cells.length, 4);
    const shardCells = new Map(shardDirs.flatMap((d) => readResults(d).cells.map((c) => [c.id, c] as const)));
    for (const cell of merged.cells) {
      const original = shardCells.get(cell.id);
      assert.ok(original, `cell ${cell.id} comes from a shard`);
      for (const type of ['flip', 'cutout', 'all']) assert.equal(cell.metrics?.[type]?.auroc, original.metrics?.[type]?.auroc, `${cell.id} × ${type}`);
      assert.ok(cell.scoresFile && existsSync(path.join(mergedDir, cell.scoresFile)), `cell ${cell.id} has its scores`);
    }

    const node = await waitFor(
      () => api.runsTree.getChildren().find((n): n is RunNode => n.kind === 'run' && n.runDir === mergedDir),
      'the merged run at the top of the runs view',
      10_000,
    );
    const item = api.runsTree.getTreeItem(node);
    assert.equal(item.label, 'tiny-shards');
    assert.equal(item.contextValue, 'ssad.run.completed');
  });

  it('opens the merged run and a shard run in the results panel, saying merged from 3 shards / shard i of 3', async function () {
    if (!mergedDir) this.skip();
    const out = path.join(workspaceDir(), 'scale-out', 'exports');
    mkdirSync(out, { recursive: true });
    await vscode.commands.executeCommand('ssad.openResults', mergedDir);
    await waitFor(() => resultsTabs()[0], 'the results tab');
    // The webview answers only with a chart it has drawn.
    const png = path.join(out, 'merged-heatmap.png');
    assert.equal(await vscode.commands.executeCommand<string>('ssad.exportResults', 'png', png, { chart: 'heatmap' }), png);
    const mergedHtml = readFileSync((await vscode.commands.executeCommand<string>('ssad.exportResults', 'html', path.join(out, 'merged.html')))!, 'utf8');
    assert.match(mergedHtml, /2 tasks per cell · merged from 3 shards/);

    const shard = shardDirs.find((d) => readResults(d).shard?.index === 0)!;
    await vscode.commands.executeCommand('ssad.openResults', shard);
    const shardPng = path.join(out, 'shard-heatmap.png');
    assert.equal(await vscode.commands.executeCommand<string>('ssad.exportResults', 'png', shardPng, { chart: 'heatmap' }), shardPng);
    const shardHtml = readFileSync((await vscode.commands.executeCommand<string>('ssad.exportResults', 'html', path.join(out, 'shard.html')))!, 'utf8');
    assert.match(shardHtml, /2 tasks per cell · shard 0 of 3 \(\d cells? of the grid/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Merge Shards with a shard missing makes a failed run naming the missing cells; folders that are no grid are refused, nothing left', async function () {
    if (shardDirs.length !== 3) this.skip();
    const two = shardDirs.filter((d) => readResults(d).shard?.index !== 2);
    const missingCells = readResults(shardDirs.find((d) => readResults(d).shard?.index === 2)!).shard!.cells;
    const partial = (await vscode.commands.executeCommand('ssad.mergeShards', two)) as MergeShardsOutcome;
    assert.ok(partial.outcome === 'merged', JSON.stringify(partial));
    assert.equal(partial.status, 'failed');
    assert.deepEqual(partial.missing, missingCells);
    const results = readResults(partial.runDir);
    assert.match(results.error ?? '', new RegExp(`shard 2/3 not merged\\): ${missingCells.join(', ')}`));

    const before = readdirSync(runsDir()).sort();
    const notAGrid = (await vscode.commands.executeCommand('ssad.mergeShards', [shardDirs[0], mergedDir])) as MergeShardsOutcome;
    assert.ok(notAGrid.outcome === 'refused', JSON.stringify(notAGrid));
    assert.match(notAGrid.message, /cannot merge the shards of tiny-shards: .* is not a shard run/);
    assert.deepEqual(readdirSync(runsDir()).sort(), before, 'no folder was left behind');
  });

  it('Export Cluster Job (Slurm) writes the job beside the config, opens submit.sh and gives the submit command', async () => {
    const outcome = (await vscode.commands.executeCommand('ssad.exportClusterJob', vscode.Uri.file(config), { scheduler: 'slurm', shards: 3 })) as ClusterJobOutcome;
    assert.ok(outcome.outcome === 'written', JSON.stringify(outcome));
    assert.equal(outcome.scheduler, 'slurm');
    assert.equal(path.dirname(outcome.folder), path.join(workspaceDir(), 'scale-out', '.ssad', 'slurm'));
    assert.match(path.basename(outcome.folder), /^\d{8}-\d{6}-tiny-shards$/);
    assert.deepEqual(readdirSync(outcome.folder).sort(), ['array.sbatch', 'config', 'logs', 'merge.sbatch', 'shards', 'submit.sh']);
    for (const file of outcome.files) assert.ok(existsSync(file), file);
    assert.equal(outcome.opened, path.join(outcome.folder, 'submit.sh'));
    assert.equal(outcome.command, `bash ${path.join(outcome.folder, 'submit.sh')}`);
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === outcome.opened || undefined, 'submit.sh in the editor', 5_000);
    const array = readFileSync(path.join(outcome.folder, 'array.sbatch'), 'utf8');
    assert.match(array, /#SBATCH --array=0-2\n/);
    // The nodes run this extension's own CLI bundle, on the config copy.
    assert.ok(array.includes(`${cliScript()} run ${path.join(outcome.folder, 'config', 'grid.ssad.json')} --shard "$SLURM_ARRAY_TASK_ID/3"`), array);
    assert.deepEqual(JSON.parse(readFileSync(path.join(outcome.folder, 'config', 'grid.ssad.json'), 'utf8')), GRID);
    for (const script of ['array.sbatch', 'merge.sbatch', 'submit.sh']) {
      const check: SpawnSyncReturns<string> = spawnSync('bash', ['-n', path.join(outcome.folder, script)], { encoding: 'utf8' });
      assert.equal(check.status, 0, `${script}: ${check.stderr}`);
    }
  });

  it('Export Cluster Job (Kubernetes) writes the manifests and steps.txt, opens it and gives the kubectl commands', async () => {
    const outcome = (await vscode.commands.executeCommand('ssad.exportClusterJob', config, { scheduler: 'kubernetes', shards: 2, image: IMAGE })) as ClusterJobOutcome;
    assert.ok(outcome.outcome === 'written', JSON.stringify(outcome));
    assert.equal(path.dirname(outcome.folder), path.join(workspaceDir(), 'scale-out', '.ssad', 'k8s'));
    const job = path.basename(outcome.folder);
    assert.match(job, /^tiny-shards-\d{8}-\d{6}$/);
    assert.deepEqual(readdirSync(outcome.folder).sort(), ['files.yaml', 'job.yaml', 'merge.yaml', 'pvc.yaml', 'steps.txt']);
    assert.deepEqual(outcome.files.map((f) => path.basename(f)).sort(), readdirSync(outcome.folder).sort());
    assert.equal(outcome.opened, path.join(outcome.folder, 'steps.txt'));
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === outcome.opened || undefined, 'steps.txt in the editor', 5_000);
    const commands = outcome.command.split('\n');
    // Relative to the workspace folder, where a terminal opens.
    assert.equal(commands[0], `kubectl apply -f scale-out/.ssad/k8s/${job}/pvc.yaml`);
    assert.ok(commands.every((c) => c.startsWith('kubectl ')));
    const jobYaml = readFileSync(path.join(outcome.folder, 'job.yaml'), 'utf8');
    assert.match(jobYaml, /completions: 2\n/);
    assert.ok(jobYaml.includes(`image: ${JSON.stringify(IMAGE)}`), 'the image is the one given');
  });

  it('Export Cluster Job refuses an invalid config or a custom module that does not load, naming the problem, and writes nothing', async () => {
    const bad = writeConfig('scale-out-bad', 'bad.ssad.json', { ...GRID, training: { ...GRID.training, epochs: 0 } });
    const invalid = (await vscode.commands.executeCommand('ssad.exportClusterJob', bad, { scheduler: 'slurm', shards: 2 })) as ClusterJobOutcome;
    assert.ok(invalid.outcome === 'invalid', JSON.stringify(invalid));
    assert.match(invalid.message, /bad\.ssad\.json is not a valid config: training\.epochs must be an integer ≥ 1, got 0/);

    const moduleDir = path.join(workspaceDir(), 'scale-out-bad', 'ssad', 'augmentations');
    mkdirSync(moduleDir, { recursive: true });
    writeFileSync(path.join(moduleDir, 'broken.ts'), "throw new Error('broken on purpose');\nexport default {};\n");
    const withModule = writeConfig('scale-out-bad', 'module.ssad.json', { ...GRID, augmentations: ['none', './ssad/augmentations/broken.ts'] });
    const broken = (await vscode.commands.executeCommand('ssad.exportClusterJob', withModule, { scheduler: 'kubernetes', shards: 2, image: IMAGE })) as ClusterJobOutcome;
    assert.ok(broken.outcome === 'invalid', JSON.stringify(broken));
    assert.match(broken.message, /module\.ssad\.json is not a valid config: augmentations\[1\]: .*broken on purpose/);

    const wrongAnswer = (await vscode.commands.executeCommand('ssad.exportClusterJob', config, { scheduler: 'slurm', shards: 0 })) as ClusterJobOutcome;
    assert.ok(wrongAnswer.outcome === 'invalid' && /shards: A whole number from 1/.test(wrongAnswer.message), JSON.stringify(wrongAnswer));
    assert.ok(!existsSync(path.join(workspaceDir(), 'scale-out-bad', '.ssad')), 'nothing was written');
  });
});

// Also run by the Restricted Mode session (SSAD_TEST_GREP="Restricted Mode").
describe('SSAD Restricted Mode: Export Cluster Job and Merge Shards write files and run nothing, so they stay enabled (real extension host)', () => {
  let cleanUp: () => void = () => {};

  before(async () => {
    await activateExtension();
    cleanUp = workspaceCleanup();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    cleanUp();
  });

  it('contributes both commands without a trust condition, and exports a Slurm job in either mode', async () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON;
    for (const id of ['ssad.exportClusterJob', 'ssad.mergeShards']) {
      const c = (pkg.contributes.commands as Array<{ command: string; enablement?: string }>).find((x) => x.command === id);
      assert.ok(c, `${id} is contributed`);
      assert.doesNotMatch(c.enablement ?? '', /isWorkspaceTrusted/);
    }
    const file = writeConfig('trust-export', 'grid.ssad.json', GRID);
    const outcome = (await vscode.commands.executeCommand('ssad.exportClusterJob', file, { scheduler: 'slurm', shards: 2, ssad: 'ssad' })) as ClusterJobOutcome;
    assert.ok(outcome.outcome === 'written', JSON.stringify(outcome));
    assert.match(readFileSync(path.join(outcome.folder, 'array.sbatch'), 'utf8'), /\nexec ssad run /);
  });

  it('in Restricted Mode, exports a config with a custom module without loading it (the module is copied, not run)', async function () {
    if (vscode.workspace.isTrusted) {
      console.log('[scale-out] workspace trusted: checked by the --workspace-trust run');
      this.skip();
    }
    const dir = path.join(workspaceDir(), 'trust-export', 'ssad', 'augmentations');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'broken.ts'), "throw new Error('broken on purpose');\nexport default {};\n");
    const file = writeConfig('trust-export', 'module.ssad.json', { ...GRID, augmentations: ['none', './ssad/augmentations/broken.ts'] });
    const outcome = (await vscode.commands.executeCommand('ssad.exportClusterJob', file, { scheduler: 'slurm', shards: 2, ssad: 'ssad' })) as ClusterJobOutcome;
    assert.ok(outcome.outcome === 'written', JSON.stringify(outcome));
    assert.ok(existsSync(path.join(outcome.folder, 'config', 'ssad', 'augmentations', 'broken.ts')), 'the module is copied beside the config copy');
  });
});
