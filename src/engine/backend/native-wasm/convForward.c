/*
 * A 2-D convolution (NHWC, dilation 1), computed directly on the wasm backend's heap:
 *   out(b, oh, ow, co) = sum over kh, kw, ci of x[b][oh*sH - pt + kh][ow*sW - pl + kw][ci] * w[kh][kw][ci][co]
 * with out(b, oh, ow, co) at out + b*oImg + oh*oRow + ow*oCol + co, so that a caller can write a
 * strided sub-grid of a larger tensor (the input gradient's stride residues) with no copy after.
 * With `bias` (0: none) each sum starts at bias[co], saving the layer a pass over its output.
 * Taps outside the input (padding) read a row of zeros instead of branching.
 *
 * Output positions go in tiles of TILE; for each tile the address of every tap's input row is
 * computed once, then blocks of 4 positions x 8 output channels keep their sums in registers
 * while the filter column block is read from L1. Channels past the last multiple of 8 use a dot
 * product over the input channels (the one-channel image output of a decoder).
 *
 * Rules of this file: no C library, and no stack; see kernels.h. `off` is scratch for
 * (kH*kW + 1)*TILE ints; `zeros` holds inC floats of 0.
 */
#include "kernels.h"
#include "tapTable.h"

#define TILE 64
/* Input channels from which the sums go tap by tap (see below). */
#define TAP_BY_TAP_CHANNELS 128

/*
 * The micro-kernel: over the input channels of one tap, the sums of 4 positions (input rows p0..p3)
 * x 8 output channels (filter rows from wt, advanced by the loop) in a0/a1 .. d0/d1. A macro, not a
 * function, so that the sums stay in registers (no stack, see kernels.h).
 */
#define SUMS_4x8(wt, p0, p1, p2, p3)                                          \
  for (int ci = 0; ci < inC; ci++, wt += outC) {                               \
    v128_t w0 = wasm_v128_load(wt), w1 = wasm_v128_load(wt + 4);               \
    v128_t s = wasm_v128_load32_splat(p0 + ci);                                \
    a0 = MADD(a0, s, w0); a1 = MADD(a1, s, w1);                                \
    s = wasm_v128_load32_splat(p1 + ci);                                       \
    b0 = MADD(b0, s, w0); b1 = MADD(b1, s, w1);                                \
    s = wasm_v128_load32_splat(p2 + ci);                                       \
    c0 = MADD(c0, s, w0); c1 = MADD(c1, s, w1);                                \
    s = wasm_v128_load32_splat(p3 + ci);                                       \
    d0 = MADD(d0, s, w0); d1 = MADD(d1, s, w1);                                \
  }

/* Filter values of input channels ci..ci+3 for one output channel (a column of [inC][outC]). */
static inline v128_t filter_column4(const float* wt, int ci, int outC) {
  return outC == 1 ? wasm_v128_load(wt + ci) : wasm_f32x4_make(wt[ci * outC], wt[(ci + 1) * outC], wt[(ci + 2) * outC], wt[(ci + 3) * outC]);
}

static inline float hsum(v128_t v) {
  return wasm_f32x4_extract_lane(v, 0) + wasm_f32x4_extract_lane(v, 1) + wasm_f32x4_extract_lane(v, 2) + wasm_f32x4_extract_lane(v, 3);
}

EXPORT("conv2d")
void conv2d(const float* x, const float* w, const float* bias, float* out,
            int n, int inH, int inW, int inC, int outH, int outW, int outC,
            int kH, int kW, int sH, int sW, int pt, int pl,
            int oImg, int oRow, int oCol, int* off, const float* zeros) {
  int M = n * outH * outW, taps = kH * kW;
  int co8 = outC & ~7;
  struct TapGeometry tg = {inH, inW, inC, outH, outW, kH, kW, sH, sW, pt, pl};
  int* dst = off + taps * TILE;
  for (int m0 = 0; m0 < M; m0 += TILE) {
    int cnt = m0 + TILE < M ? TILE : M - m0;
    tap_table(x, tg, m0, cnt, TILE, off, zeros, dst, out, oImg, oRow, oCol);
    if (inC >= TAP_BY_TAP_CHANNELS) {
      /*
       * Wide layers: one tap at a time, the sums going through the output between taps, so that
       * the tap's inC x 8 filter block stays in L1 over the whole tile (all taps' block, up to
       * 9 x 512 x 8 floats, did not: 30 against 40 GFLOP/s on the study's widest layer).
       */
      for (int co = 0; co < co8; co += 8) {
        v128_t init0 = bias ? wasm_v128_load(bias + co) : wasm_f32x4_splat(0);
        v128_t init1 = bias ? wasm_v128_load(bias + co + 4) : wasm_f32x4_splat(0);
        for (int tap = 0; tap < taps; tap++) {
          const float* wtap = w + tap * inC * outC + co;
          int i = 0;
          for (; i + 4 <= cnt; i += 4) {
            float *q0 = (float*)dst[i] + co, *q1 = (float*)dst[i + 1] + co, *q2 = (float*)dst[i + 2] + co, *q3 = (float*)dst[i + 3] + co;
            v128_t a0, a1, b0, b1, c0, c1, d0, d1;
            if (tap == 0) {
              a0 = b0 = c0 = d0 = init0;
              a1 = b1 = c1 = d1 = init1;
            } else {
              a0 = wasm_v128_load(q0); a1 = wasm_v128_load(q0 + 4);
              b0 = wasm_v128_load(q1); b1 = wasm_v128_load(q1 + 4);
              c0 = wasm_v128_load(q2); c1 = wasm_v128_load(q2 + 4);
              d0 = wasm_v128_load(q3); d1 = wasm_v128_load(q3 + 4);
            }
            const int* o = off + tap * TILE + i;
            const float *p0 = (const float*)o[0], *p1 = (const float*)o[1], *p2 = (const float*)o[2], *p3 = (const float*)o[3];
            const float* wt = wtap;
            SUMS_4x8(wt, p0, p1, p2, p3);
            wasm_v128_store(q0, a0); wasm_v128_store(q0 + 4, a1);
            wasm_v128_store(q1, b0); wasm_v128_store(q1 + 4, b1);
            wasm_v128_store(q2, c0); wasm_v128_store(q2 + 4, c1);
            wasm_v128_store(q3, d0); wasm_v128_store(q3 + 4, d1);
          }
          for (; i < cnt; i++) {
            float* q = (float*)dst[i] + co;
            v128_t a0 = tap == 0 ? init0 : wasm_v128_load(q), a1 = tap == 0 ? init1 : wasm_v128_load(q + 4);
            const float* p = (const float*)off[tap * TILE + i];
            const float* wt = wtap;
            for (int ci = 0; ci < inC; ci++, wt += outC) {
              v128_t s = wasm_v128_load32_splat(p + ci);
              a0 = MADD(a0, s, wasm_v128_load(wt)); a1 = MADD(a1, s, wasm_v128_load(wt + 4));
            }
            wasm_v128_store(q, a0); wasm_v128_store(q + 4, a1);
          }
        }
      }
    } else {
      for (int co = 0; co < co8; co += 8) {
        v128_t init0 = bias ? wasm_v128_load(bias + co) : wasm_f32x4_splat(0);
        v128_t init1 = bias ? wasm_v128_load(bias + co + 4) : wasm_f32x4_splat(0);
        int i = 0;
        for (; i + 4 <= cnt; i += 4) {
          v128_t a0 = init0, a1 = init1, b0 = init0, b1 = init1, c0 = init0, c1 = init1, d0 = init0, d1 = init1;
          const float* wt = w + co;
          for (int tap = 0; tap < taps; tap++) {
            const int* o = off + tap * TILE + i;
            const float *p0 = (const float*)o[0], *p1 = (const float*)o[1], *p2 = (const float*)o[2], *p3 = (const float*)o[3];
            SUMS_4x8(wt, p0, p1, p2, p3);
          }
          float* q = (float*)dst[i] + co;
          wasm_v128_store(q, a0); wasm_v128_store(q + 4, a1);
          q = (float*)dst[i + 1] + co;
          wasm_v128_store(q, b0); wasm_v128_store(q + 4, b1);
          q = (float*)dst[i + 2] + co;
          wasm_v128_store(q, c0); wasm_v128_store(q + 4, c1);
          q = (float*)dst[i + 3] + co;
          wasm_v128_store(q, d0); wasm_v128_store(q + 4, d1);
        }
        for (; i < cnt; i++) {
          v128_t a0 = init0, a1 = init1;
          const float* wt = w + co;
          for (int tap = 0; tap < taps; tap++) {
            const float* p = (const float*)off[tap * TILE + i];
            for (int ci = 0; ci < inC; ci++, wt += outC) {
              v128_t s = wasm_v128_load32_splat(p + ci);
              a0 = MADD(a0, s, wasm_v128_load(wt)); a1 = MADD(a1, s, wasm_v128_load(wt + 4));
            }
          }
          float* q = (float*)dst[i] + co;
          wasm_v128_store(q, a0); wasm_v128_store(q + 4, a1);
        }
      }
    }
    /* Channels past the multiples of 8: dot products over the input channels, 4 positions at a time. */
    int ci4 = inC & ~3;
    for (int co = co8; co < outC; co++) {
      float b0 = bias ? bias[co] : 0;
      int i = 0;
      for (; i + 4 <= cnt; i += 4) {
        v128_t a = wasm_f32x4_splat(0), b = a, c = a, d = a;
        float ta = b0, tb = b0, tc = b0, td = b0;
        for (int tap = 0; tap < taps; tap++) {
          const int* o = off + tap * TILE + i;
          const float *p0 = (const float*)o[0], *p1 = (const float*)o[1], *p2 = (const float*)o[2], *p3 = (const float*)o[3];
          const float* wt = w + tap * inC * outC + co;
          int ci = 0;
          for (; ci < ci4; ci += 4) {
            v128_t wv = filter_column4(wt, ci, outC);
            a = MADD(a, wasm_v128_load(p0 + ci), wv);
            b = MADD(b, wasm_v128_load(p1 + ci), wv);
            c = MADD(c, wasm_v128_load(p2 + ci), wv);
            d = MADD(d, wasm_v128_load(p3 + ci), wv);
          }
          for (; ci < inC; ci++) {
            float wk = wt[ci * outC];
            ta += p0[ci] * wk; tb += p1[ci] * wk; tc += p2[ci] * wk; td += p3[ci] * wk;
          }
        }
        ((float*)dst[i])[co] = hsum(a) + ta;
        ((float*)dst[i + 1])[co] = hsum(b) + tb;
        ((float*)dst[i + 2])[co] = hsum(c) + tc;
        ((float*)dst[i + 3])[co] = hsum(d) + td;
      }
      for (; i < cnt; i++) {
        v128_t acc = wasm_f32x4_splat(0);
        float tail = b0;
        for (int tap = 0; tap < taps; tap++) {
          const float* p = (const float*)off[tap * TILE + i];
          const float* wt = w + tap * inC * outC + co;
          int ci = 0;
          for (; ci < ci4; ci += 4) {
            v128_t wv = filter_column4(wt, ci, outC);
            acc = MADD(acc, wasm_v128_load(p + ci), wv);
          }
          for (; ci < inC; ci++) tail += p[ci] * wt[ci * outC];
        }
        ((float*)dst[i])[co] = hsum(acc) + tail;
      }
    }
  }
}
