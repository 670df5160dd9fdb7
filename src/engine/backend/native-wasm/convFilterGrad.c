/*
 * The filter gradient of a 2-D convolution (NHWC), computed directly on the wasm backend's heap:
 *   dw[kh][kw][ci][co] += sum over n, oh, ow of x[n][oh*sH - pt + kh][ow*sW - pl + kw][ci] * dy[n][oh][ow][co]
 * The im2col buffer of the general form (a JavaScript gather, then a product) cost about as much
 * as the product itself; here the output positions go in tiles of TILE, and for each block of 4
 * rows of dw (4 input channels of one tap, or, when the input channels do not come in fours,
 * 4 consecutive (tap, channel) rows) and 8 output channels the sums stay in registers over the
 * tile. Taps outside the input read a row of zeros instead of branching.
 *
 * Rules of this file: see kernels.h. `dw` must be zeroed by the caller; `ptr` is zeroed scratch
 * for kH*kW*TILE ints, then max(inC, 4) floats (the zero row), then 8 floats (the dummy row).
 */
#include "kernels.h"
#include "tapTable.h"

/* Output positions per tile (256 measured no better on the widest layer, worse on narrow ones). */
#define TILE 64

/* dw row block += four accumulator pairs. */
static inline void add_rows(float* d0, float* d1, float* d2, float* d3,
                            v128_t a0, v128_t a1, v128_t b0, v128_t b1, v128_t c0, v128_t c1, v128_t e0, v128_t e1) {
  wasm_v128_store(d0, wasm_f32x4_add(wasm_v128_load(d0), a0)); wasm_v128_store(d0 + 4, wasm_f32x4_add(wasm_v128_load(d0 + 4), a1));
  wasm_v128_store(d1, wasm_f32x4_add(wasm_v128_load(d1), b0)); wasm_v128_store(d1 + 4, wasm_f32x4_add(wasm_v128_load(d1 + 4), b1));
  wasm_v128_store(d2, wasm_f32x4_add(wasm_v128_load(d2), c0)); wasm_v128_store(d2 + 4, wasm_f32x4_add(wasm_v128_load(d2 + 4), c1));
  wasm_v128_store(d3, wasm_f32x4_add(wasm_v128_load(d3), e0)); wasm_v128_store(d3 + 4, wasm_f32x4_add(wasm_v128_load(d3 + 4), e1));
}

EXPORT("conv_filter_grad")
void conv_filter_grad(const float* x, const float* dy, float* dw,
              int n, int inH, int inW, int inC, int outH, int outW, int outC,
              int kH, int kW, int sH, int sW, int pt, int pl, int* ptr) {
  int M = n * outH * outW, taps = kH * kW, K = taps * inC;
  int co8 = outC & ~7;
  struct TapGeometry tg = {inH, inW, inC, outH, outW, kH, kW, sH, sW, pt, pl};
  const float* zeros = (const float*)(ptr + taps * TILE);
  /* A dw row past K (the last block of a K not divisible by 4) accumulates into this dummy row. */
  float* dummy = (float*)zeros + (inC > 4 ? inC : 4);
  for (int m0 = 0; m0 < M; m0 += TILE) {
    int cnt = m0 + TILE < M ? TILE : M - m0;
    tap_table(x, tg, m0, cnt, TILE, ptr, zeros, 0, 0, 0, 0, 0);
    const float* g0 = dy + m0 * outC;
    if ((inC & 3) == 0) {
      /* Rows in fours of one tap: one pointer per position serves all four. */
      for (int co = 0; co < co8; co += 8)
        for (int tap = 0; tap < taps; tap++) {
          const int* o = ptr + tap * TILE;
          for (int ci = 0; ci < inC; ci += 4) {
            v128_t a0 = wasm_f32x4_splat(0), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, e0 = a0, e1 = a0;
            const float* g = g0 + co;
            for (int i = 0; i < cnt; i++, g += outC) {
              const float* xr = (const float*)o[i] + ci;
              v128_t y0 = wasm_v128_load(g), y1 = wasm_v128_load(g + 4);
              v128_t s = wasm_v128_load32_splat(xr);
              a0 = MADD(a0, s, y0); a1 = MADD(a1, s, y1);
              s = wasm_v128_load32_splat(xr + 1);
              b0 = MADD(b0, s, y0); b1 = MADD(b1, s, y1);
              s = wasm_v128_load32_splat(xr + 2);
              c0 = MADD(c0, s, y0); c1 = MADD(c1, s, y1);
              s = wasm_v128_load32_splat(xr + 3);
              e0 = MADD(e0, s, y0); e1 = MADD(e1, s, y1);
            }
            float* d = dw + (tap * inC + ci) * outC + co;
            add_rows(d, d + outC, d + 2 * outC, d + 3 * outC, a0, a1, b0, b1, c0, c1, e0, e1);
          }
        }
    } else {
      for (int co = 0; co < co8; co += 8) {
        for (int k = 0; k < K; k += 4) {
          /* Rows k..k+3 of dw: (tap, channel) pairs, each with its pointer table and channel. */
          const int *o0, *o1, *o2, *o3;
          int i0, i1, i2, i3;
          float *d0, *d1, *d2, *d3;
  #define ROW(j, oj, ij, dj)                                                   \
    if (k + j < K) {                                                           \
      oj = ptr + ((k + j) / inC) * TILE;                                       \
      ij = (k + j) % inC;                                                      \
      dj = dw + (k + j) * outC + co;                                           \
    } else {                                                                   \
      oj = ptr + ((k) / inC) * TILE;                                           \
      ij = 0;                                                                  \
      dj = dummy;                                                              \
    }
          ROW(0, o0, i0, d0) ROW(1, o1, i1, d1) ROW(2, o2, i2, d2) ROW(3, o3, i3, d3)
  #undef ROW
          v128_t a0 = wasm_f32x4_splat(0), a1 = a0, b0 = a0, b1 = a0, c0 = a0, c1 = a0, e0 = a0, e1 = a0;
          const float* g = g0 + co;
          for (int i = 0; i < cnt; i++, g += outC) {
            v128_t y0 = wasm_v128_load(g), y1 = wasm_v128_load(g + 4);
            v128_t s = wasm_v128_load32_splat((const float*)o0[i] + i0);
            a0 = MADD(a0, s, y0); a1 = MADD(a1, s, y1);
            s = wasm_v128_load32_splat((const float*)o1[i] + i1);
            b0 = MADD(b0, s, y0); b1 = MADD(b1, s, y1);
            s = wasm_v128_load32_splat((const float*)o2[i] + i2);
            c0 = MADD(c0, s, y0); c1 = MADD(c1, s, y1);
            s = wasm_v128_load32_splat((const float*)o3[i] + i3);
            e0 = MADD(e0, s, y0); e1 = MADD(e1, s, y1);
          }
          add_rows(d0, d1, d2, d3, a0, a1, b0, b1, c0, c1, e0, e1);
        }
      }
    }
    for (int co = co8; co < outC; co++)
      for (int k = 0; k < K; k++) {
        const int* o = ptr + (k / inC) * TILE;
        int ci = k % inC;
        float s = 0;
        for (int i = 0; i < cnt; i++) s += ((const float*)o[i])[ci] * g0[i * outC + co];
        dw[k * outC + co] += s;
      }
  }
}
