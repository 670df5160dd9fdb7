/*
 * What every kernel of SSAD Lab's own wasm module shares.
 *
 * Rules: no C library, and no stack (no arrays or address-taken locals). The module imports the
 * backend's memory, and a stack would live at the bottom of that memory, which belongs to the
 * backend; scripts/build-wasm-kernels.sh refuses output that touches a global (the stack pointer).
 *
 * MADD(acc, a, b) = acc + a*b. The module is built twice: with relaxed SIMD, where it is the fused
 * multiply-add of the CPU (1.3-1.6x faster kernels on x64; rounding may differ from the separate
 * form in the last bit), and without, for runtimes that do not validate relaxed SIMD.
 */
#include <wasm_simd128.h>

#ifdef SSAD_RELAXED_SIMD
#define MADD(acc, a, b) __builtin_wasm_relaxed_madd_f32x4(a, b, acc)
#else
#define MADD(acc, a, b) wasm_f32x4_add(acc, wasm_f32x4_mul(a, b))
#endif

#define EXPORT(name) __attribute__((export_name(name)))
