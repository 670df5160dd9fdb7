import assert from 'node:assert/strict';
import { join } from 'node:path';
import { createBatch } from '../../../../src/engine/image';
import { decodeImageFile, decodeImage } from '../../../../src/engine/imageio/decode';
import { FONT_CHARACTERS, glyph, GLYPH_HEIGHT, GLYPH_WIDTH, textWidth } from '../../../../src/engine/imageio/font';
import { renderSampleSheet, sampleSheetLayout } from '../../../../src/engine/imageio/sheet';
import { generateShapes } from '../../../../src/engine/data/shapes';
import { selectImages } from '../../../../src/engine/image';
import { makeTempDir, writeBytes } from '../data/helpers';

/** A batch of n images of h×w×c whose image i is the constant (i + 1) / (n + 1). */
function ramp(n: number, h: number, w: number, c: number): ReturnType<typeof createBatch> {
  const per = h * w * c;
  return createBatch(n, h, w, c, Float32Array.from({ length: n * per }, (_, k) => (Math.floor(k / per) + 1) / (n + 1)));
}

describe('data: sample sheets', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  before(() => {
    tmp = makeTempDir();
  });
  after(() => tmp.cleanup());

  it('has a glyph for every label character', () => {
    for (const ch of 'abcdefghijklmnopqrstuvwxyz0123456789-_.+ ') {
      assert.ok(FONT_CHARACTERS.includes(ch), `missing '${ch}'`);
      assert.equal(glyph(ch).length, GLYPH_WIDTH * GLYPH_HEIGHT);
    }
    assert.deepEqual(glyph('A'), glyph('a'));
    assert.deepEqual(glyph('é'), glyph('?'));
    // Glyphs are distinct (except space, which is empty).
    const seen = new Set<string>();
    for (const ch of FONT_CHARACTERS) seen.add(glyph(ch).join(''));
    assert.equal(seen.size, FONT_CHARACTERS.length);
  });

  it('round-trips: encode → decode gives the laid-out size, the images and a label strip', async () => {
    const rows = [
      { label: 'normal', images: ramp(4, 32, 32, 1) },
      { label: 'cutout-0.2', images: ramp(3, 32, 32, 1) },
      { label: 'flip', images: ramp(5, 32, 32, 1) },
    ];
    const png = renderSampleSheet(rows, { title: 'shapes seed 0' });
    const path = join(tmp.dir, 'sheet.png');
    writeBytes(path, png);
    const decoded = await decodeImageFile(path);
    const layout = sampleSheetLayout(rows, { title: 'shapes seed 0' });
    assert.equal(layout.scale, 3);
    assert.equal(decoded.width, layout.width);
    assert.equal(decoded.height, layout.height);
    assert.equal(decoded.channels, 1);
    assert.ok(layout.labelStripWidth >= textWidth('cutout-0.2', 2));
    const at = (x: number, y: number): number => decoded.data[y * decoded.width + x];
    layout.rows.forEach((row, r) => {
      // The label strip holds text pixels (colour 230) inside the label's box, and nothing else.
      let ink = 0;
      for (let y = row.labelRect.y; y < row.labelRect.y + row.labelRect.height; y++) {
        for (let x = row.labelRect.x; x < row.labelRect.x + row.labelRect.width; x++) if (at(x, y) === 230) ink++;
      }
      assert.ok(ink > 20, `row ${r} label has ${ink} text pixels`);
      // Each cell is the upscaled image: a 96×96 block of its constant value.
      assert.equal(row.cells.length, rows[r].images.n);
      row.cells.forEach((cell, i) => {
        assert.equal(cell.width, 96);
        assert.ok(cell.x >= layout.labelStripWidth);
        const expected = Math.round(Math.fround((i + 1) / (rows[r].images.n + 1)) * 255);
        for (const [dx, dy] of [[0, 0], [95, 95], [50, 20]]) assert.equal(at(cell.x + dx, cell.y + dy), expected);
      });
    });
    // The widest row sets the sheet's width.
    const last = layout.rows[2].cells[4];
    assert.ok(layout.width >= last.x + last.width);
  });

  it('writes RGB when any row is colour and puts grey rows on it', () => {
    const shapes = generateShapes({ seed: 0, imageSize: 32, channels: 3, trainPerClass: 2, testPerClass: 0 });
    const png = renderSampleSheet([
      { label: 'colour', images: selectImages(shapes.train.images, [0, 1, 2]) },
      { label: 'grey', images: ramp(2, 16, 16, 1) },
    ], { scale: 2 });
    const decoded = decodeImage(png);
    assert.equal(decoded.channels, 3);
    const layout = sampleSheetLayout([
      { label: 'colour', images: selectImages(shapes.train.images, [0, 1, 2]) },
      { label: 'grey', images: ramp(2, 16, 16, 1) },
    ], { scale: 2 });
    const cell = layout.rows[1].cells[0];
    const o = (cell.y * decoded.width + cell.x) * 3;
    assert.deepEqual([...decoded.data.subarray(o, o + 3)], [85, 85, 85]);
  });

  it('cuts long labels, limits images per row and rejects bad input', () => {
    const rows = [{ label: 'a'.repeat(50), images: ramp(10, 8, 8, 1) }];
    const layout = sampleSheetLayout(rows, { maxLabelChars: 12, maxPerRow: 4 });
    assert.equal(layout.rows[0].label, 'aaaaaaaaaa..');
    assert.equal(layout.rows[0].cells.length, 4);
    assert.equal(layout.scale, 4); // 8-px images: the largest factor ≤ 4 that stays ≤ 96 px
    assert.throws(() => renderSampleSheet([]), /at least one row/);
    assert.throws(() => renderSampleSheet(rows, { scale: 0 }), RangeError);
  });

  it('draws an empty row as just its label', () => {
    const png = renderSampleSheet([{ label: 'none', images: createBatch(0, 32, 32, 1) }]);
    const decoded = decodeImage(png);
    assert.ok(decoded.width > 0 && decoded.height >= GLYPH_HEIGHT * 2);
  });
});
