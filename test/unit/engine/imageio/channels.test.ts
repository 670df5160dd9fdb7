import assert from 'node:assert/strict';
import { createBatch } from '../../../../src/engine/image';
import { convertBatchChannels, convertChannels, LUMA_601, rasterToFloat } from '../../../../src/engine/imageio/channels';
import { rasterToBatch } from '../../../../src/engine/imageio/convert';

const close = (a: ArrayLike<number>, b: readonly number[], tol = 1e-6): void => {
  assert.equal(a.length, b.length);
  for (let i = 0; i < b.length; i++) assert.ok(Math.abs(a[i] - b[i]) <= tol, `[${i}] ${a[i]} vs ${b[i]}`);
};

describe('data: channel conversion', () => {
  it('replicates grey into RGB', () => {
    close(convertChannels(Float32Array.from([0, 0.5, 1]), 1, 3), [0, 0, 0, 0.5, 0.5, 0.5, 1, 1, 1]);
  });

  it('turns RGB into grey with ITU-R BT.601 luma', () => {
    assert.deepEqual(LUMA_601, [0.299, 0.587, 0.114]);
    const rgb = Float32Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0.2, 0.4, 0.6]);
    close(convertChannels(rgb, 3, 1), [0.299, 0.587, 0.114, 1, 0.299 * 0.2 + 0.587 * 0.4 + 0.114 * 0.6]);
  });

  it('leaves the channel count alone when it matches (as a copy)', () => {
    const src = Float32Array.from([0.1, 0.2, 0.3]);
    const out = convertChannels(src, 3, 3);
    assert.deepEqual(out, src);
    assert.notEqual(out, src);
  });

  it('converts a batch', () => {
    const batch = createBatch(2, 1, 1, 1, Float32Array.from([0.25, 0.75]));
    const rgb = convertBatchChannels(batch, 3);
    assert.equal(rgb.c, 3);
    close(rgb.data, [0.25, 0.25, 0.25, 0.75, 0.75, 0.75]);
    close(convertBatchChannels(rgb, 1).data, [0.25, 0.75]);
  });

  it('reads 8-bit rasters into [0, 1]', () => {
    const grey = { width: 2, height: 1, channels: 1 as const, data: Uint8Array.from([0, 255]) };
    close(rasterToFloat(grey, 1), [0, 1]);
    close(rasterToFloat(grey, 3), [0, 0, 0, 1, 1, 1]);
    const rgb = { width: 1, height: 1, channels: 3 as const, data: Uint8Array.from([255, 0, 51]) };
    close(rasterToFloat(rgb, 3), [1, 0, 0.2]);
    close(rasterToFloat(rgb, 1), [0.299 + 0.114 * 0.2]);
  });

  it('drops alpha by compositing on black', () => {
    // RGBA: opaque white, transparent white, half-transparent red.
    const rgba = { width: 3, height: 1, channels: 4 as const, data: Uint8Array.from([255, 255, 255, 255, 255, 255, 255, 0, 255, 0, 0, 102]) };
    close(rasterToFloat(rgba, 3), [1, 1, 1, 0, 0, 0, 0.4, 0, 0]);
    close(rasterToFloat(rgba, 1), [1, 0, 0.299 * 0.4]);
    // Grey + alpha.
    const ga = { width: 2, height: 1, channels: 2 as const, data: Uint8Array.from([200, 0, 255, 51]) };
    close(rasterToFloat(ga, 1), [0, 0.2]);
    close(rasterToFloat(ga, 3), [0, 0, 0, 0.2, 0.2, 0.2]);
  });

  it('makes a batch from a raster, optionally resized', () => {
    const raster = { width: 2, height: 2, channels: 3 as const, data: new Uint8Array(12).fill(255) };
    const own = rasterToBatch(raster);
    assert.deepEqual([own.n, own.h, own.w, own.c], [1, 2, 2, 3]);
    const small = rasterToBatch(raster, { size: 5, channels: 1 });
    assert.deepEqual([small.n, small.h, small.w, small.c], [1, 5, 5, 1]);
    for (const v of small.data) assert.ok(Math.abs(v - 1) < 1e-6);
  });
});
