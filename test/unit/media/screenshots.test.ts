/**
 * The screenshots `npm run screenshot` commits to media/screenshots/: every one is a PNG of the
 * workbench small enough to ship in the VSIX, comes in a light and a dark variant that really
 * differ in brightness, and is shown by README.md or the walkthrough; everything they reference
 * exists.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { PNG } from 'pngjs';
import { pictures } from '../../../scripts/vsixReadme.mjs';

const ROOT = resolve(__dirname, '../../..');
const DIR = 'media/screenshots';
const MAX_BYTES = 400 * 1024;

const files = readdirSync(resolve(ROOT, DIR)).sort();
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');

/** Every image path of the walkthrough's steps (one per theme kind). */
function walkthroughImages(): string[] {
  const steps = manifest.contributes.walkthroughs.flatMap((w: { steps: unknown[] }) => w.steps) as Array<{ media: { image?: string | Record<string, string> } }>;
  return steps.flatMap((s) => (typeof s.media.image === 'string' ? [s.media.image] : Object.values(s.media.image ?? {})));
}

function readmeImages(): string[] {
  return pictures(readme).flatMap((p) => [p.light, p.dark]);
}

/** The mean of R, G and B over every pixel, 0–255. */
function meanBrightness(png: PNG): number {
  let sum = 0;
  for (let i = 0; i < png.data.length; i += 4) sum += png.data[i] + png.data[i + 1] + png.data[i + 2];
  return sum / (3 * png.width * png.height);
}

describe('committed screenshots (media/screenshots)', () => {
  it('come as <name>-light.png and <name>-dark.png pairs', () => {
    assert.ok(files.length >= 2, 'npm run screenshot wrote them');
    for (const file of files) assert.match(file, /^[a-z]+-(light|dark)\.png$/, `${DIR}/${file}`);
    const names = (theme: string) => files.filter((f) => f.endsWith(`-${theme}.png`)).map((f) => f.replace(`-${theme}.png`, ''));
    assert.deepEqual(names('light'), names('dark'));
  });

  for (const file of files) {
    it(`${file} is a PNG of the workbench under ${MAX_BYTES / 1024} KB`, () => {
      const path = resolve(ROOT, DIR, file);
      assert.ok(statSync(path).size <= MAX_BYTES, `${DIR}/${file} is ${Math.round(statSync(path).size / 1024)} KB`);
      const png = PNG.sync.read(readFileSync(path));
      assert.ok(png.width >= 800 && png.height >= 200, `${DIR}/${file} is ${png.width}×${png.height}`);
    });
  }

  for (const file of files.filter((f) => f.endsWith('-light.png'))) {
    const dark = file.replace('-light.png', '-dark.png');
    it(`${file} is lighter than ${dark}`, () => {
      const brightness = (f: string) => meanBrightness(PNG.sync.read(readFileSync(resolve(ROOT, DIR, f))));
      assert.ok(brightness(file) > brightness(dark) + 50, `${file}: ${brightness(file).toFixed(0)}, ${dark}: ${brightness(dark).toFixed(0)}`);
    });
  }

  it('are each shown by README.md or the walkthrough', () => {
    const shown = new Set([...readmeImages(), ...walkthroughImages()]);
    for (const file of files) assert.ok(shown.has(`${DIR}/${file}`), `${DIR}/${file} is not referenced`);
  });

  it('README.md and the walkthrough refer to none that is missing, each in the variant of its theme', () => {
    for (const p of pictures(readme)) {
      assert.match(p.light, /-light\.png$/, p.light);
      assert.equal(p.dark, p.light.replace(/-light\.png$/, '-dark.png'));
    }
    for (const path of [...readmeImages(), ...walkthroughImages()]) {
      assert.ok(files.includes(path.replace(`${DIR}/`, '')) && path.startsWith(`${DIR}/`), `${path} is not in ${DIR}`);
    }
  });
});
