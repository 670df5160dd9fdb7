/**
 * The README the VSIX ships: each `<picture>` block of README.md becomes one inlined PNG of the
 * chosen theme, and a relative link left anywhere is refused with its target named.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pictures, relativeLinks, vsixReadme } from '../../../scripts/vsixReadme.mjs';

const ROOT = resolve(__dirname, '../../..');

const PICTURE = `<picture>
  <source media="(prefers-color-scheme: dark)" srcset="media/screenshots/results-dark.png">
  <img src="media/screenshots/results-light.png" alt="The results panel">
</picture>`;

/** Fake image bytes that say which file they came from. */
const readImage = (path: string): Buffer => Buffer.from(`png:${path}`);
const inlined = (path: string): string => `data:image/png;base64,${readImage(path).toString('base64')}`;

describe('vsixReadme', () => {
  it('finds the light and dark variants and the alt text of a <picture> block', () => {
    const [picture] = pictures(`# Title\n\n${PICTURE}\n\ntext`);
    assert.equal(picture.light, 'media/screenshots/results-light.png');
    assert.equal(picture.dark, 'media/screenshots/results-dark.png');
    assert.equal(picture.alt, 'The results panel');
  });

  it('inlines the dark variant by default, the light one on request, and keeps the rest', () => {
    const markdown = `# Title\n\n${PICTURE}\n\nSee [the tests](#tests) and [VS Code](https://code.visualstudio.com).\n`;
    const dark = vsixReadme(markdown, readImage);
    assert.equal(dark, `# Title\n\n<img src="${inlined('media/screenshots/results-dark.png')}" alt="The results panel">\n\nSee [the tests](#tests) and [VS Code](https://code.visualstudio.com).\n`);
    assert.ok(vsixReadme(markdown, readImage, { theme: 'light' }).includes(inlined('media/screenshots/results-light.png')));
    assert.deepEqual(relativeLinks(dark), []);
  });

  it('refuses a relative link or image outside a <picture> block, naming it', () => {
    assert.throws(() => vsixReadme(`${PICTURE}\n[architecture](ARCHITECTURE.md)`, readImage), /ARCHITECTURE\.md/);
    assert.throws(() => vsixReadme('![shot](media/a.png)', readImage), /media\/a\.png/);
    assert.throws(() => vsixReadme('<img src="media/b.png" alt="b">', readImage), /media\/b\.png/);
  });

  it('refuses a <picture> block without its dark source or its alt text', () => {
    assert.throws(() => pictures('<picture><img src="a.png" alt="a"></picture>'), /prefers-color-scheme: dark/);
    assert.throws(() => pictures('<picture><source media="(prefers-color-scheme: dark)" srcset="b.png"><img src="a.png"></picture>'), /alt/);
  });

  it('leaves README.md with no relative link once its pictures are inlined', () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    assert.ok(pictures(readme).length > 0, 'README.md shows screenshots');
    assert.doesNotThrow(() => vsixReadme(readme, (path) => readFileSync(resolve(ROOT, path))));
  });
});
