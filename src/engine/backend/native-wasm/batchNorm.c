/*
 * Batch normalisation over the rows of x[M][C] (NHWC flattened: one row per pixel), per channel.
 * The composite form (mean, subtract, square, mean, normalise; and its gradient's products and
 * sums) made about ten passes over each activation with a kernel dispatch each; these make two
 * to three.
 *
 * Sums run in blocks of BLOCK rows whose partial sums are added to the total, so that no float
 * accumulates more than a few thousand terms (the error grows with the terms per accumulator).
 * Rules of this file: see kernels.h. `part` is scratch for 2*C floats.
 */
#include "kernels.h"

#define BLOCK 256

/* acc[c] = 0 for c < count. */
static void clear(float* acc, int count) {
  for (int c = 0; c < count; c++) acc[c] = 0;
}

/* total[c] += part[c], part[c] = 0. */
static void flush(float* total, float* part, int count) {
  for (int c = 0; c < count; c++) {
    total[c] += part[c];
    part[c] = 0;
  }
}

/*
 * mean[c] and the biased variance var[c] of each channel, in two passes (the centred second pass
 * keeps the variance accurate where the mean is large against the spread).
 */
EXPORT("channel_moments")
void channel_moments(const float* x, int M, int C, float* mean, float* var, float* part) {
  int c4 = C & ~3;
  clear(mean, C);
  clear(var, C);
  clear(part, C);
  for (int m0 = 0; m0 < M; m0 += BLOCK) {
    int m1 = m0 + BLOCK < M ? m0 + BLOCK : M;
    for (int m = m0; m < m1; m++) {
      const float* row = x + m * C;
      int c = 0;
      for (; c < c4; c += 4) wasm_v128_store(part + c, wasm_f32x4_add(wasm_v128_load(part + c), wasm_v128_load(row + c)));
      for (; c < C; c++) part[c] += row[c];
    }
    flush(mean, part, C);
  }
  float inv = 1.0f / (float)M;
  for (int c = 0; c < C; c++) mean[c] *= inv;
  for (int m0 = 0; m0 < M; m0 += BLOCK) {
    int m1 = m0 + BLOCK < M ? m0 + BLOCK : M;
    for (int m = m0; m < m1; m++) {
      const float* row = x + m * C;
      int c = 0;
      for (; c < c4; c += 4) {
        v128_t d = wasm_f32x4_sub(wasm_v128_load(row + c), wasm_v128_load(mean + c));
        wasm_v128_store(part + c, MADD(wasm_v128_load(part + c), d, d));
      }
      for (; c < C; c++) {
        float d = row[c] - mean[c];
        part[c] += d * d;
      }
    }
    flush(var, part, C);
  }
  for (int c = 0; c < C; c++) var[c] *= inv;
}

/* y[m][c] = x[m][c] * scale[c] + shift[c], then max(0, y) when `relu` (the ReLU after a batch norm, fused). */
EXPORT("channel_affine")
void channel_affine(const float* x, const float* scale, const float* shift, float* y, int M, int C, int relu) {
  int c4 = C & ~3;
  v128_t zero = wasm_f32x4_splat(0);
  for (int m = 0; m < M; m++) {
    const float* row = x + m * C;
    float* out = y + m * C;
    int c = 0;
    if (relu) {
      for (; c < c4; c += 4) wasm_v128_store(out + c, wasm_f32x4_max(MADD(wasm_v128_load(shift + c), wasm_v128_load(row + c), wasm_v128_load(scale + c)), zero));
      for (; c < C; c++) {
        float v = row[c] * scale[c] + shift[c];
        out[c] = v > 0 ? v : 0;
      }
    } else {
      for (; c < c4; c += 4) wasm_v128_store(out + c, MADD(wasm_v128_load(shift + c), wasm_v128_load(row + c), wasm_v128_load(scale + c)));
      for (; c < C; c++) out[c] = row[c] * scale[c] + shift[c];
    }
  }
}

/*
 * The gradient of y = (x - mean) * rstd * gamma + beta with batch statistics:
 *   dbeta = sum dy,  dgamma = rstd * sum dy*(x - mean),
 *   dx = gamma*rstd * (dy - dbeta/M - (x - mean) * rstd^2 * sum dy*(x - mean) / M)
 * written as dx = a*dy + b*(x - mean) + k per channel, in one pass for the sums and one for dx.
 * With `y` (the output of a fused ReLU; 0: none) dy counts only where y > 0, the ReLU's gradient.
 * `coef` is scratch for 3*C floats (a, b, k); `part` for 2*C.
 */
EXPORT("batch_norm_grad")
void batch_norm_grad(const float* dy, const float* x, const float* mean, const float* rstd, const float* gamma, const float* y,
                     float* dx, float* dgamma, float* dbeta, int M, int C, float* part, float* coef) {
  int c4 = C & ~3;
  v128_t zero = wasm_f32x4_splat(0);
  /* The masked dy, vector and scalar. */
#define DY4(m, c) (y ? wasm_v128_and(wasm_v128_load(dy + (m) * C + (c)), wasm_f32x4_gt(wasm_v128_load(y + (m) * C + (c)), zero)) : wasm_v128_load(dy + (m) * C + (c)))
#define DY1(m, c) (y && !(y[(m) * C + (c)] > 0) ? 0.0f : dy[(m) * C + (c)])
  float* partDy = part;
  float* partDyXc = part + C;
  clear(dbeta, C);
  clear(dgamma, C);
  clear(part, 2 * C);
  for (int m0 = 0; m0 < M; m0 += BLOCK) {
    int m1 = m0 + BLOCK < M ? m0 + BLOCK : M;
    for (int m = m0; m < m1; m++) {
      const float* row = x + m * C;
      int c = 0;
      for (; c < c4; c += 4) {
        v128_t d = DY4(m, c);
        v128_t xc = wasm_f32x4_sub(wasm_v128_load(row + c), wasm_v128_load(mean + c));
        wasm_v128_store(partDy + c, wasm_f32x4_add(wasm_v128_load(partDy + c), d));
        wasm_v128_store(partDyXc + c, MADD(wasm_v128_load(partDyXc + c), d, xc));
      }
      for (; c < C; c++) {
        float d = DY1(m, c);
        partDy[c] += d;
        partDyXc[c] += d * (row[c] - mean[c]);
      }
    }
    flush(dbeta, partDy, C);
    flush(dgamma, partDyXc, C);
  }
  float inv = 1.0f / (float)M;
  float* a = coef;
  float* b = coef + C;
  float* k = coef + 2 * C;
  for (int c = 0; c < C; c++) {
    float sumDyXc = dgamma[c];
    a[c] = gamma[c] * rstd[c];
    b[c] = -a[c] * rstd[c] * rstd[c] * sumDyXc * inv;
    k[c] = -a[c] * dbeta[c] * inv;
    dgamma[c] = sumDyXc * rstd[c];
  }
  for (int m = 0; m < M; m++) {
    const float* row = x + m * C;
    float* out = dx + m * C;
    int c = 0;
    for (; c < c4; c += 4) {
      v128_t v = MADD(wasm_v128_load(k + c), DY4(m, c), wasm_v128_load(a + c));
      v128_t xc = wasm_f32x4_sub(wasm_v128_load(row + c), wasm_v128_load(mean + c));
      wasm_v128_store(out + c, MADD(v, xc, wasm_v128_load(b + c)));
    }
    for (; c < C; c++) out[c] = a[c] * DY1(m, c) + b[c] * (row[c] - mean[c]) + k[c];
  }
#undef DY4
#undef DY1
}
