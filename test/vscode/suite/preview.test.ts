// The augmentation preview on a config's own folder data set, in the real extension host: the
// images are the config's training images at its size, a parameter changed through the panel's
// controls re-renders the sheet the engine computes for those images and parameters, a value out
// of range is refused with the engine's reason, and a config whose data cannot be read falls back
// to MNIST saying why.
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, workspaceDir } from './runsHelpers';
import { resolveAugmentation } from '../../../src/engine/augment';
import { renderPreviewSheet } from '../../../src/engine/custom/previewSheet';
import { defaultMnistDir } from '../../../src/engine/data';
import { configImages } from '../../../src/engine/preview/previewImages';
import type { AugmentationParamValue } from '../../../src/shared/config';
import type { PreviewState } from '../../../src/shared/previewProtocol';

const SUFFIX = `x${Date.now().toString(36)}`;

function config(dataPath: string): string {
  return JSON.stringify(
    {
      name: `preview-${SUFFIX}`,
      dataset: { source: 'folder', path: dataPath, layout: 'mvtec', imageSize: 24 },
      testbed: { type: 'labeled' },
      detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
      augmentations: ['none', 'cutout'],
      training: { epochs: 1, batchSize: 4, learningRate: 0.001 },
      seeds: [0],
      runtime: { backend: 'wasm' },
    },
    null,
    2,
  );
}

function image(state: PreviewState | undefined): Extract<PreviewState, { kind: 'image' }> {
  assert.equal(state?.kind, 'image', state?.kind === 'error' ? state.error : `state ${state?.kind}`);
  return state as Extract<PreviewState, { kind: 'image' }>;
}

const setParam = (name: string, value: AugmentationParamValue): Thenable<PreviewState> => vscode.commands.executeCommand<PreviewState>('ssad.preview.setParam', name, value);

describe('preview on a config folder data set, with parameters', function () {
  this.timeout(120_000);
  let dir: string;
  let file: string;

  before(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)?.activate();
    dir = path.join(workspaceDir(), `preview-${SUFFIX}`);
    mkdirSync(dir, { recursive: true });
    file = path.join(dir, 'parts.ssad.json');
    // Relative to the config's folder, as a run resolves it.
    writeFileSync(file, config('../fixtures/preview-data'));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the config’s training images and re-renders, as the engine does, when a parameter changes', async () => {
    const first = image(await vscode.commands.executeCommand<PreviewState>('ssad.previewAugmentation', { augmentation: 'cutout', config: file, params: { area: 0.25 } }));
    assert.equal(first.source.kind, 'config');
    if (first.source.kind !== 'config') return;
    assert.equal(first.source.config, `preview-${SUFFIX}/parts.ssad.json`);
    assert.equal(first.source.dataset, "folder '../fixtures/preview-data' (mvtec)");
    assert.deepEqual([first.source.imageSize, first.source.channels], [24, 1]);
    assert.deepEqual([...(first.source.files ?? [])].sort(), ['train/good/disc-0.png', 'train/good/disc-1.png', 'train/good/disc-2.png', 'train/good/disc-3.png']);
    assert.equal(first.id, 'cutout{area=0.25}');
    assert.deepEqual(Object.keys(first.params?.specs ?? {}), ['area', 'minArea', 'maxArea', 'minAspect', 'maxAspect', 'fill', 'p']);
    assert.deepEqual(first.target.params, { area: 0.25 });

    const changed = image(await setParam('fill', 1));
    assert.equal(changed.id, 'cutout{area=0.25,fill=1}');
    assert.notEqual(changed.imageUri, first.imageUri, 'the sheet changed');
    assert.deepEqual(changed.target.params, { area: 0.25, fill: 1 });
    assert.equal(changed.params?.values.fill, 1);
    // What the engine renders for the config's images and these parameters, byte for byte.
    const data = { configFile: file, configLabel: first.source.config, dataset: { source: 'folder' as const, path: '../fixtures/preview-data', layout: 'mvtec' as const, imageSize: 24 }, baseDir: dir, seed: 0 };
    const images = await configImages(data, 8, defaultMnistDir());
    const expected = renderPreviewSheet(resolveAugmentation({ name: 'cutout', params: { area: 0.25, fill: 1 } }), images.images, 0);
    assert.equal(changed.imageUri, `data:image/png;base64,${Buffer.from(expected.png).toString('base64')}`);

    const refused = await setParam('fill', 2);
    assert.equal(refused.params?.error, 'Augmentation "cutout": parameter "fill" must be in [0, 1], got 2');
    assert.equal(image(refused).renderedAt, changed.renderedAt, 'nothing re-rendered');
    assert.deepEqual(refused.target.params, { area: 0.25, fill: 1 }, 'the last good values stay');

    const reset = image(await vscode.commands.executeCommand<PreviewState>('ssad.preview.resetParams'));
    assert.equal(reset.id, 'cutout');
    assert.deepEqual(reset.target.params, {});
    assert.equal(reset.params?.error, undefined);
  });

  it('takes the config in the active editor, and falls back to MNIST naming the field when its data cannot be read', async () => {
    await vscode.window.showTextDocument(vscode.Uri.file(file));
    const onConfig = image(await vscode.commands.executeCommand<PreviewState>('ssad.previewAugmentation', 'flip'));
    assert.equal(onConfig.source.kind, 'config');
    assert.equal(onConfig.target.configFile, file);

    const broken = path.join(dir, 'broken.ssad.json');
    writeFileSync(broken, config('../fixtures/no-such-folder'));
    const fallback = image(await vscode.commands.executeCommand<PreviewState>('ssad.previewAugmentation', { augmentation: 'flip', config: broken }));
    assert.equal(fallback.source.kind, 'mnist');
    assert.match(fallback.source.kind === 'mnist' ? fallback.source.reason : '', new RegExp(`^preview-${SUFFIX}/broken\\.ssad\\.json:\\d+ has errors, so its data set is not used: dataset\\.path`));
  });
});
