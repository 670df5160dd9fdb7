import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatConfigReport, validateConfigText } from '../../../../src/engine/config';

const examplesDir = path.resolve(__dirname, '../../../../examples');
const files = fs.existsSync(examplesDir) ? fs.readdirSync(examplesDir).filter((f) => f.endsWith('.ssad.json')).sort() : [];

describe('examples/*.ssad.json', () => {
  it('has examples', () => {
    assert.ok(files.length >= 5, `found ${files.length}`);
  });

  for (const file of files) {
    it(`${file} is a valid config without warnings`, () => {
      const text = fs.readFileSync(path.join(examplesDir, file), 'utf8');
      const r = validateConfigText(text, file);
      assert.ok(r.ok, formatConfigReport(r, file));
      assert.deepEqual(r.warnings, [], formatConfigReport(r, file));
      // rotnet cannot train on "none" (no variants to predict): its baseline is a separate dae run.
      if (r.config.detector.type !== 'rotnet') assert.ok(r.config.augmentations.includes('none'), `${file} has no "none" baseline`);
    });
  }

  it('the examples that name no files validate against their folder too', () => {
    for (const file of files) {
      const text = fs.readFileSync(path.join(examplesDir, file), 'utf8');
      const first = validateConfigText(text, file);
      if (!first.ok || first.config.dataset.source === 'folder') continue;
      const r = validateConfigText(text, file, { baseDir: examplesDir });
      assert.ok(r.ok, formatConfigReport(r, file));
    }
  });
});
