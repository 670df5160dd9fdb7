/*
 * The filter gradient of a 2-D convolution (NHWC), computed directly on the wasm backend's heap:
 *   dw[kh][kw][ci][co] += sum over n, oh, ow of x[n][oh*sH - pt + kh][ow*sW - pl + kw][ci] * dy[n][oh][ow][co]
 * The im2col buffer of the general form (a JavaScript gather, then a product) cost about as much
 * as the product itself; here the output positions go in tiles of TILE, and for each tap, block of
 * 4 input channels and block of 8 output channels the sums stay in registers over the tile.
 *
 * Rules of this file: see kernels.h. `dw` must be zeroed by the caller; `off` is scratch for
 * kH*kW*TILE ints.
 */
#include "kernels.h"

#define TILE 64

EXPORT("conv_filter_grad")
void conv_filter_grad(const float* x, const float* dy, float* dw,
              int n, int inH, int inW, int inC, int outH, int outW, int outC,
              int kH, int kW, int sH, int sW, int pt, int pl, int* off) {
  int M = n * outH * outW;
  int ci4 = inC & ~3, co8 = outC & ~7;
  for (int m0 = 0; m0 < M; m0 += TILE) {
    int m1 = m0 + TILE < M ? m0 + TILE : M;
    for (int kh = 0; kh < kH; kh++)
      for (int kw = 0; kw < kW; kw++)
        for (int m = m0; m < m1; m++) {
          int ow = m % outW, t = m / outW, oh = t % outH, b = t / outH;
          int ih = oh * sH - pt + kh, iw = ow * sW - pl + kw;
          off[(kh * kW + kw) * TILE + (m - m0)] = (ih < 0 || ih >= inH || iw < 0 || iw >= inW) ? -1 : ((b * inH + ih) * inW + iw) * inC;
        }
    for (int kh = 0; kh < kH; kh++)
      for (int kw = 0; kw < kW; kw++) {
        float* dtap = dw + (kh * kW + kw) * inC * outC;
        const int* o = off + (kh * kW + kw) * TILE - m0;
        for (int co = 0; co < co8; co += 8) {
          for (int ci = 0; ci < ci4; ci += 4) {
            v128_t a0 = wasm_f32x4_splat(0), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, d0 = a0, d1 = a0;
            for (int m = m0; m < m1; m++) {
              if (o[m] < 0) continue;
              const float* xr = x + o[m] + ci;
              const float* g = dy + m * outC + co;
              v128_t g0 = wasm_v128_load(g), g1 = wasm_v128_load(g + 4);
              v128_t x0 = wasm_f32x4_splat(xr[0]), x1 = wasm_f32x4_splat(xr[1]), x2 = wasm_f32x4_splat(xr[2]), x3 = wasm_f32x4_splat(xr[3]);
              a0 = MADD(a0, x0, g0); a1 = MADD(a1, x0, g1);
              b0 = MADD(b0, x1, g0); b1 = MADD(b1, x1, g1);
              c0 = MADD(c0, x2, g0); c1 = MADD(c1, x2, g1);
              d0 = MADD(d0, x3, g0); d1 = MADD(d1, x3, g1);
            }
            float* d = dtap + ci * outC + co;
            wasm_v128_store(d, wasm_f32x4_add(wasm_v128_load(d), a0)); wasm_v128_store(d + 4, wasm_f32x4_add(wasm_v128_load(d + 4), a1)); d += outC;
            wasm_v128_store(d, wasm_f32x4_add(wasm_v128_load(d), b0)); wasm_v128_store(d + 4, wasm_f32x4_add(wasm_v128_load(d + 4), b1)); d += outC;
            wasm_v128_store(d, wasm_f32x4_add(wasm_v128_load(d), c0)); wasm_v128_store(d + 4, wasm_f32x4_add(wasm_v128_load(d + 4), c1)); d += outC;
            wasm_v128_store(d, wasm_f32x4_add(wasm_v128_load(d), d0)); wasm_v128_store(d + 4, wasm_f32x4_add(wasm_v128_load(d + 4), d1));
          }
          for (int ci = ci4; ci < inC; ci++) {
            v128_t a0 = wasm_f32x4_splat(0), a1 = a0;
            for (int m = m0; m < m1; m++) {
              if (o[m] < 0) continue;
              v128_t xs = wasm_f32x4_splat(x[o[m] + ci]);
              const float* g = dy + m * outC + co;
              a0 = MADD(a0, xs, wasm_v128_load(g));
              a1 = MADD(a1, xs, wasm_v128_load(g + 4));
            }
            float* d = dtap + ci * outC + co;
            wasm_v128_store(d, wasm_f32x4_add(wasm_v128_load(d), a0)); wasm_v128_store(d + 4, wasm_f32x4_add(wasm_v128_load(d + 4), a1));
          }
        }
        for (int co = co8; co < outC; co++)
          for (int ci = 0; ci < inC; ci++) {
            float s = 0;
            for (int m = m0; m < m1; m++) {
              if (o[m] < 0) continue;
              s += x[o[m] + ci] * dy[m * outC + co];
            }
            dtap[ci * outC + co] += s;
          }
      }
  }
}
