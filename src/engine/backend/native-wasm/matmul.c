/*
 * C[M][N] = A·B (+ bias[N]), with A(i, k) = a[i*sai + k*sak] (so a transposed A needs no copy)
 * and B either row-major [K][N] or, transposed, [N][K]: then each block of 8 columns is first
 * packed into `panel` (K*8 floats of scratch) so that the inner loop reads it contiguously.
 * Blocks of 4 rows x 8 columns keep their sums in registers over the whole K, like the
 * convolution kernels. The stock kernel sends only untransposed products to XNNPACK (no fused
 * multiply-add), and dense-layer gradients are transposed products.
 * Rules of this file: see kernels.h.
 */
#include "kernels.h"

EXPORT("matmul")
void matmul(const float* a, int sai, int sak, const float* b, int transposeB, const float* bias, float* c,
            int M, int N, int K, float* panel) {
  int n8 = N & ~7;
  for (int j = 0; j < n8; j += 8) {
    const float* bp;
    int ldb;
    if (transposeB) {
      for (int k = 0; k < K; k++)
        for (int t = 0; t < 8; t++) panel[k * 8 + t] = b[(j + t) * K + k];
      bp = panel;
      ldb = 8;
    } else {
      bp = b + j;
      ldb = N;
    }
    v128_t init0 = bias ? wasm_v128_load(bias + j) : wasm_f32x4_splat(0);
    v128_t init1 = bias ? wasm_v128_load(bias + j + 4) : wasm_f32x4_splat(0);
    int i = 0;
    for (; i + 4 <= M; i += 4) {
      v128_t a0 = init0, a1 = init1, b0 = init0, b1 = init1, c0 = init0, c1 = init1, d0 = init0, d1 = init1;
      const float* ar = a + i * sai;
      const float* br = bp;
      for (int k = 0; k < K; k++, br += ldb, ar += sak) {
        v128_t w0 = wasm_v128_load(br), w1 = wasm_v128_load(br + 4);
        v128_t s = wasm_v128_load32_splat(ar);
        a0 = MADD(a0, s, w0); a1 = MADD(a1, s, w1);
        s = wasm_v128_load32_splat(ar + sai);
        b0 = MADD(b0, s, w0); b1 = MADD(b1, s, w1);
        s = wasm_v128_load32_splat(ar + 2 * sai);
        c0 = MADD(c0, s, w0); c1 = MADD(c1, s, w1);
        s = wasm_v128_load32_splat(ar + 3 * sai);
        d0 = MADD(d0, s, w0); d1 = MADD(d1, s, w1);
      }
      float* q = c + i * N + j;
      wasm_v128_store(q, a0); wasm_v128_store(q + 4, a1); q += N;
      wasm_v128_store(q, b0); wasm_v128_store(q + 4, b1); q += N;
      wasm_v128_store(q, c0); wasm_v128_store(q + 4, c1); q += N;
      wasm_v128_store(q, d0); wasm_v128_store(q + 4, d1);
    }
    for (; i < M; i++) {
      v128_t a0 = init0, a1 = init1;
      const float* ar = a + i * sai;
      const float* br = bp;
      for (int k = 0; k < K; k++, br += ldb, ar += sak) {
        v128_t s = wasm_v128_load32_splat(ar);
        a0 = MADD(a0, s, wasm_v128_load(br)); a1 = MADD(a1, s, wasm_v128_load(br + 4));
      }
      float* q = c + i * N + j;
      wasm_v128_store(q, a0); wasm_v128_store(q + 4, a1);
    }
  }
  for (int j = n8; j < N; j++) {
    for (int i = 0; i < M; i++) {
      float s = bias ? bias[j] : 0;
      const float* ar = a + i * sai;
      for (int k = 0; k < K; k++) s += ar[k * sak] * (transposeB ? b[j * K + k] : b[k * N + j]);
      c[i * N + j] = s;
    }
  }
}
