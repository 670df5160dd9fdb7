/** Which config the preview takes its data from, and why it falls back to MNIST when it cannot. */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { chooseConfigFile, dataFromConfig, isConfigFile } from '../../../../src/extension/preview/dataSource';
import { makeTempDir, writePng } from '../../engine/data/helpers';

function config(dataset: Record<string, unknown>, seeds = [4]): string {
  return JSON.stringify(
    {
      name: 'x',
      dataset,
      testbed: { type: 'labeled' },
      detector: { type: 'dae', width: 4, depth: 2, codeSize: 8 },
      augmentations: ['none', 'cutout'],
      training: { epochs: 1, batchSize: 8, learningRate: 0.001 },
      seeds,
      runtime: { backend: 'cpu', maxImagePixels: 4096 },
    },
    null,
    2,
  );
}

describe('preview data source', () => {
  let dir: string;
  let cleanup: () => void;
  before(() => {
    ({ dir, cleanup } = makeTempDir('ssad-preview-source-'));
    writePng(join(dir, 'parts', 'train', 'good', 'a.png'), 4, 4, 10);
    writePng(join(dir, 'parts', 'test', 'good', 'b.png'), 4, 4, 10);
    writePng(join(dir, 'parts', 'test', 'crack', 'c.png'), 4, 4, 200);
  });
  after(() => cleanup());

  it('takes the command’s config, else the active editor’s, else the last one active', () => {
    assert.equal(chooseConfigFile({ explicit: '/a.ssad.json', active: '/b.ssad.json', last: '/c.ssad.json' }), '/a.ssad.json');
    assert.equal(chooseConfigFile({ active: '/m/aug.ts', last: '/c.SSAD.json' }), '/c.SSAD.json', 'a module in the editor is not a config');
    assert.equal(chooseConfigFile({ active: '/b.ssad.json', last: '/c.ssad.json' }), '/b.ssad.json');
    assert.equal(chooseConfigFile({}), undefined);
    assert.equal(isConfigFile('x.json'), false);
  });

  it('reads the data set of a valid config, relative to its folder, with its seed and image limit', () => {
    const file = join(dir, 'exp.ssad.json');
    const choice = dataFromConfig(file, 'exp.ssad.json', config({ source: 'folder', path: 'parts', layout: 'mvtec', imageSize: 8 }));
    assert.equal(choice.kind, 'config');
    if (choice.kind !== 'config') return;
    assert.equal(choice.data.baseDir, dir);
    assert.equal(choice.data.seed, 4);
    assert.equal(choice.data.maxImagePixels, 4096);
    assert.deepEqual(choice.data.dataset, { source: 'folder', path: 'parts', layout: 'mvtec', imageSize: 8, onBadImage: 'error' });
  });

  it('falls back naming the file, the line and the field of the data set’s error', () => {
    const file = join(dir, 'exp.ssad.json');
    const choice = dataFromConfig(file, 'lab/exp.ssad.json', config({ source: 'folder', path: 'nowhere', layout: 'mvtec', imageSize: 8 }));
    assert.equal(choice.kind, 'mnist');
    assert.match(choice.kind === 'mnist' ? choice.reason : '', /^lab\/exp\.ssad\.json:\d+ has errors, so its data set is not used: dataset\.path/);
    const broken = dataFromConfig(file, 'exp.ssad.json', '{ "name": ');
    assert.match(broken.kind === 'mnist' ? broken.reason : '', /^exp\.ssad\.json:1 has errors/);
    const unreadable = dataFromConfig(file, 'exp.ssad.json', new Error('EACCES: permission denied'));
    assert.deepEqual(unreadable, { kind: 'mnist', reason: 'cannot read exp.ssad.json: EACCES: permission denied' });
  });
});
