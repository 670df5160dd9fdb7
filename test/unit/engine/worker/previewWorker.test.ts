/**
 * The preview child on a config's folder data set with changed parameters: its PNG is the sheet
 * the engine renders for those images and parameters; refused parameters and a broken module are
 * told apart; the parameter metadata comes back for the panel's controls.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { resolveAugmentation } from '../../../../src/engine/augment';
import { renderPreviewSheet } from '../../../../src/engine/custom/previewSheet';
import { defaultMnistDir } from '../../../../src/engine/data';
import { configImages } from '../../../../src/engine/preview/previewImages';
import type { PreviewDataRequest } from '../../../../src/shared/previewProtocol';
import { renderInPreviewChild } from '../../../helpers/previewChild';
import { makeTempDir, writePngData } from '../data/helpers';

const preview = renderInPreviewChild;

describe('preview child on a config data set', function () {
  this.timeout(30_000);
  let dir: string;
  let cleanup: () => void;
  let data: PreviewDataRequest;

  before(() => {
    ({ dir, cleanup } = makeTempDir('ssad-preview-worker-'));
    for (let k = 0; k < 5; k++) {
      const pixels = new Uint8Array(10 * 10).map((_, i) => (i * 13 + k * 40) % 256);
      writePngData(join(dir, 'parts', 'train', 'good', `g${k}.png`), 10, 10, 1, pixels);
    }
    writePngData(join(dir, 'parts', 'test', 'good', 't.png'), 10, 10, 1, new Uint8Array(100).fill(90));
    data = { configFile: join(dir, 'x.ssad.json'), configLabel: 'x.ssad.json', dataset: { source: 'folder', path: 'parts', layout: 'mvtec', imageSize: 12 }, baseDir: dir, seed: 0 };
  });
  after(() => cleanup());

  it('renders the config’s images under the changed parameters, as the engine does', async () => {
    const plain = await preview({ augmentation: 'cutout', baseDir: dir, count: 3, seed: 0, data });
    const ref = { name: 'cutout', params: { area: 0.25, fill: 1 } };
    const changed = await preview({ augmentation: ref, baseDir: dir, count: 3, seed: 0, data });
    assert.equal(changed.type, 'rendered', changed.type === 'failed' ? changed.error : '');
    assert.equal(plain.type, 'rendered');
    if (changed.type !== 'rendered' || plain.type !== 'rendered') return;
    assert.notEqual(changed.pngBase64, plain.pngBase64);
    const images = await configImages(data, 3, defaultMnistDir());
    const expected = Buffer.from(renderPreviewSheet(resolveAugmentation(ref), images.images, 0).png).toString('base64');
    assert.equal(changed.pngBase64, expected, 'the engine’s own sheet for these images and parameters');
    assert.deepEqual(changed.source, images.source);
    assert.equal(changed.id, 'cutout{area=0.25,fill=1}');
    assert.equal(changed.base, 'cutout');
    assert.equal(changed.params.fill, 1);
    assert.deepEqual(changed.specs.fill, { type: 'number', default: 0, min: 0, max: 1, description: 'Value written into the box.' });
  });

  it('says when the parameters are what it refused, with the engine’s reason', async () => {
    const reply = await preview({ augmentation: { name: 'cutout', params: { fill: 2 } }, baseDir: dir, count: 2, seed: 0, data });
    assert.deepEqual(reply, { type: 'failed', error: 'Augmentation "cutout": parameter "fill" must be in [0, 1], got 2', invalidParams: true });
    const unknown = await preview({ augmentation: { name: 'cutot', params: { fill: 1 } }, baseDir: dir, count: 2, seed: 0 });
    assert.equal(unknown.type === 'failed' ? unknown.invalidParams : true, undefined, 'an unknown name is not a parameter problem');
  });
});
