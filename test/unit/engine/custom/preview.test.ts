/**
 * The preview child: real MNIST test digits before and after an augmentation (built-in or
 * custom), rendered to a PNG in a separate process; a broken module comes back as an error.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveAugmentation } from '../../../../src/engine/augment';
import { mnistPreviewDigits } from '../../../../src/engine/custom/mnistSamples';
import { renderPreviewSheet } from '../../../../src/engine/custom/previewSheet';
import { defaultMnistDir } from '../../../../src/engine/data';
import { renderInPreviewChild } from '../../../helpers/previewChild';
import * as m from './modules';

const preview = renderInPreviewChild;

describe('augmentation preview', function () {
  this.timeout(30_000);
  let root: string;

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ssad-preview-'));
    m.writeModules(root, { good: m.GOOD, 'wrong-shape': m.WRONG_SHAPE });
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('picks real test digits, one per class in turn, at 32 × 32', () => {
    const digits = mnistPreviewDigits(defaultMnistDir(), 12);
    assert.deepEqual([digits.n, digits.h, digits.w, digits.c], [12, 32, 32, 1]);
    assert.ok(digits.data.some((v) => v > 0.9) && digits.data.every((v) => v >= 0 && v <= 1));
  });

  it('renders original, two training draws and the anomaly mode', () => {
    const sheet = renderPreviewSheet(resolveAugmentation('cutout'), mnistPreviewDigits(defaultMnistDir(), 4), 0);
    assert.deepEqual(sheet.rows, ['original', 'train (draw 1)', 'train (draw 2)', 'anomaly mode']);
    assert.deepEqual(Array.from(sheet.png.subarray(1, 4)), [0x50, 0x4e, 0x47], 'a PNG');
  });

  it('renders a custom module in a child process', async () => {
    const reply = await preview({ augmentation: './ssad/augmentations/good.ts', baseDir: root, count: 6, seed: 0 });
    assert.equal(reply.type, 'rendered', reply.type === 'failed' ? reply.error : '');
    if (reply.type !== 'rendered') return;
    assert.equal(reply.id, './ssad/augmentations/good.ts');
    assert.equal(reply.name, 'darken');
    assert.ok(reply.width > 0 && reply.height > 0);
    assert.equal(Buffer.from(reply.pngBase64, 'base64').readUInt32BE(16), reply.width);
  });

  it('reports a broken module with its path and line', async () => {
    const reply = await preview({ augmentation: './ssad/augmentations/wrong-shape.ts', baseDir: root, count: 4, seed: 0 });
    assert.equal(reply.type, 'failed');
    assert.match(reply.type === 'failed' ? reply.error : '', new RegExp(`^ssad/augmentations/wrong-shape\\.ts:${m.WRONG_SHAPE_LINE}: apply returned a batch of shape`));
  });
});
