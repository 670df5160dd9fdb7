import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { createBatch } from '../../../../src/engine/image';
import { decodeImage, decodeImageFile, ImageDecodeError, sniffImageFormat } from '../../../../src/engine/imageio/decode';
import { encodePng, encodeRasterPng } from '../../../../src/engine/imageio/png';
import { jpegBytes, makeTempDir, writeBytes, writeText } from '../data/helpers';

describe('data: image files', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  before(() => {
    tmp = makeTempDir();
  });
  after(() => tmp.cleanup());

  it('round-trips PNG rasters of 1, 2, 3 and 4 channels exactly', () => {
    for (const channels of [1, 2, 3, 4] as const) {
      const data = Uint8Array.from({ length: 5 * 3 * channels }, (_, i) => (i * 37) % 256);
      if (channels === 2 || channels === 4) for (let i = channels - 1; i < data.length; i += channels) data[i] = i % 3 === 0 ? 255 : 100;
      const decoded = decodeImage(encodeRasterPng({ width: 5, height: 3, channels, data }));
      assert.equal(decoded.format, 'png');
      assert.deepEqual([decoded.width, decoded.height, decoded.channels], [5, 3, channels]);
      assert.deepEqual([...decoded.data], [...data]);
    }
  });

  it('writes grey PNGs for one channel and RGB for three', () => {
    const grey = PNG.sync.read(encodePng(createBatch(1, 2, 2, 1, Float32Array.from([0, 0.5, 1, 0.25]))));
    assert.equal(grey.colorType, 0);
    assert.deepEqual([...grey.data.subarray(0, 4)], [0, 0, 0, 255]);
    const rgb = PNG.sync.read(encodePng(createBatch(1, 1, 1, 3, Float32Array.from([1, 0.5, 0]))));
    assert.equal(rgb.colorType, 2);
    assert.deepEqual([...rgb.data], [255, 128, 0, 255]);
  });

  it('encodes one image of a batch, upscaled, with values clamped', () => {
    const batch = createBatch(2, 1, 2, 1, Float32Array.from([0, 1, -0.5, 1.5]));
    const decoded = decodeImage(encodePng(batch, { index: 1, scale: 3 }));
    assert.deepEqual([decoded.width, decoded.height, decoded.channels], [6, 3, 1]);
    assert.deepEqual([...decoded.data.subarray(0, 6)], [0, 0, 0, 255, 255, 255]);
    assert.throws(() => encodePng(batch, { index: 2 }), RangeError);
  });

  it('decodes JPEG (colour from jpeg-js) close to the original', () => {
    const decoded = decodeImage(jpegBytes(16, 8, [200, 100, 50]));
    assert.equal(decoded.format, 'jpeg');
    assert.deepEqual([decoded.width, decoded.height, decoded.channels], [16, 8, 3]);
    for (let i = 0; i < decoded.data.length; i += 3) {
      assert.ok(Math.abs(decoded.data[i] - 200) <= 4 && Math.abs(decoded.data[i + 1] - 100) <= 4 && Math.abs(decoded.data[i + 2] - 50) <= 4);
    }
  });

  it('recognises formats from content, not names', () => {
    assert.equal(sniffImageFormat(encodeRasterPng({ width: 1, height: 1, channels: 1, data: new Uint8Array(1) })), 'png');
    assert.equal(sniffImageFormat(jpegBytes(1, 1, [0, 0, 0])), 'jpeg');
    assert.equal(sniffImageFormat(Buffer.from('hello')), undefined);
  });

  it('explains files that are not images', () => {
    const reason = (bytes: Uint8Array): string => {
      try {
        decodeImage(bytes);
      } catch (err) {
        assert.ok(err instanceof ImageDecodeError);
        return err.reason;
      }
      assert.fail('expected an error');
    };
    assert.match(reason(new Uint8Array(0)), /empty file/);
    assert.match(reason(Buffer.from('not really a picture\n')), /not a PNG or JPEG file \(it looks like text\)/);
    assert.match(reason(Buffer.from([0x42, 0x4d, 1, 2, 3, 0, 0])), /BMP/);
    assert.match(reason(Buffer.from([0, 1, 2, 3, 250])), /starts with bytes 00 01 02 03/);
  });

  it('reports truncated and corrupt PNG and JPEG files', () => {
    const png = encodeRasterPng({ width: 16, height: 16, channels: 3, data: new Uint8Array(768).fill(90) });
    for (const cut of [20, 40, png.length - 20, png.length - 1]) {
      assert.throws(() => decodeImage(png.subarray(0, cut)), (err: ImageDecodeError) => /truncated PNG/.test(err.reason));
    }
    const corrupt = Buffer.from(png);
    corrupt[40] ^= 0xff; // inside IDAT: the CRC no longer matches
    assert.throws(() => decodeImage(corrupt), (err: ImageDecodeError) => /PNG/.test(err.reason));
    const jpg = jpegBytes(32, 32, [10, 20, 30]);
    for (const cut of [10, 200, jpg.length - 2]) {
      assert.throws(() => decodeImage(jpg.subarray(0, cut)), (err: ImageDecodeError) => /truncated JPEG|corrupt JPEG/.test(err.reason));
    }
  });

  it('decodeImageFile names the file in errors', async () => {
    const good = join(tmp.dir, 'ok.png');
    writeBytes(good, encodeRasterPng({ width: 3, height: 2, channels: 1, data: new Uint8Array(6).fill(7) }));
    const raster = await decodeImageFile(good);
    assert.deepEqual([raster.width, raster.height, raster.channels], [3, 2, 1]);
    const text = join(tmp.dir, 'notes.png');
    writeText(text, 'just some notes');
    await assert.rejects(decodeImageFile(text), (err: Error) => err instanceof ImageDecodeError && err.message.includes('notes.png') && /text/.test(err.message));
    await assert.rejects(decodeImageFile(join(tmp.dir, 'missing.png')), /missing\.png: cannot read the file \(ENOENT\)/);
  });
});
