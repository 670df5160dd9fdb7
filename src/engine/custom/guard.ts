/**
 * Wraps a custom definition so that every call is checked: a throw becomes a CustomModuleError
 * naming the module's file and line, and every output must be an ImageBatch of the input's
 * shape, backed by a Float32Array, with finite values in range — and the input must come back
 * unchanged. A built-in is trusted; user code is verified on every batch.
 */
import type { ImageBatch } from '../image';
import type { AugmentationDefinition, AugmentationMode, AugmentationParams } from '../augment/types';
import type { Rng } from '../random';
import { pixelChecksum } from './checksum';
import type { CustomAugmentationDefinition } from './definition';
import { CustomModuleError, type ModuleLocation } from './errors';
import { runModuleCode } from './monitor';
import { lineInStack, messageOf } from './stack';

/** Where in the source the checked function is written, for errors without a stack frame. */
export interface GuardLines {
  apply?: number;
  variant?: number;
  variants?: number;
  check?: number;
}

/** The most discrete variants a module may declare: the detector trains on all of them at once. */
export const MAX_VARIANTS = 64;

/** Runs one call of user code: monitored, exits trapped, a throw turned into `path:line: message`. */
function call<T>(where: ModuleLocation, line: number | undefined, what: string, run: () => T): T {
  try {
    return runModuleCode({ file: where.displayPath, line, what }, where, run);
  } catch (error) {
    if (error instanceof CustomModuleError) throw error;
    throw new CustomModuleError(where.displayPath, lineInStack(error, where.absolutePath) ?? line, messageOf(error));
  }
}

function shapeText(b: { n?: unknown; h?: unknown; w?: unknown; c?: unknown }): string {
  return `${String(b.n)}×${String(b.h)}×${String(b.w)}×${String(b.c)}`;
}

/** Why `out` is not a valid output for `input`, or undefined when it is. */
export function outputProblem(input: ImageBatch, out: unknown, range: readonly [number, number]): string | undefined {
  if (out === null || typeof out !== 'object') return `returned ${out === undefined ? 'nothing' : typeof out}, expected an ImageBatch { n, h, w, c, data }`;
  const b = out as Partial<ImageBatch>;
  if (b.n !== input.n || b.h !== input.h || b.w !== input.w || b.c !== input.c) {
    return `returned a batch of shape ${shapeText(b)}, expected ${shapeText(input)} (the input's shape)`;
  }
  if (!(b.data instanceof Float32Array)) return `returned data that is not a Float32Array (${b.data === undefined ? 'missing' : Object.prototype.toString.call(b.data)})`;
  if (b.data.length !== input.data.length) return `returned ${b.data.length} values for a batch of shape ${shapeText(b)}, expected ${input.data.length}`;
  const [lo, hi] = range;
  const pixels = input.h * input.w * input.c;
  for (let i = 0; i < b.data.length; i++) {
    const v = b.data[i];
    if (Number.isFinite(v) && v >= lo - 1e-6 && v <= hi + 1e-6) continue;
    const image = Math.floor(i / pixels);
    const within = i % pixels;
    const y = Math.floor(within / (input.w * input.c));
    const x = Math.floor(within / input.c) % input.w;
    const where = `at image ${image}, pixel (y ${y}, x ${x})${input.c > 1 ? `, channel ${within % input.c}` : ''}`;
    return Number.isFinite(v)
      ? `returned ${v} ${where}, outside [${lo}, ${hi}] (clamp it, or declare outputRange)`
      : `returned ${v} ${where}; every value must be a finite number`;
  }
  return undefined;
}

/** Runs one call of user code and checks what it did (`doing`: the call as a monitor names it). */
function checkedCall(
  where: ModuleLocation,
  line: number | undefined,
  what: string,
  input: ImageBatch,
  range: readonly [number, number],
  run: () => unknown,
  doing = what,
): ImageBatch {
  const before = pixelChecksum(input.data);
  const out = call(where, line, doing, run);
  const problem = outputProblem(input, out, range);
  if (problem) throw new CustomModuleError(where.displayPath, line, `${what} ${problem}`);
  if (pixelChecksum(input.data) !== before) {
    throw new CustomModuleError(where.displayPath, line, `${what} modified its input batch; return a new batch (e.g. start from batch.data.slice())`);
  }
  return out as ImageBatch;
}

export function guardDefinition(def: CustomAugmentationDefinition, where: ModuleLocation, lines: GuardLines = {}): AugmentationDefinition {
  const range = def.outputRange ?? ([0, 1] as const);
  const guarded: AugmentationDefinition & { check?: unknown } = {
    name: def.name,
    category: def.category,
    description: def.description,
    params: def.params,
    shorthand: def.shorthand,
    apply: (batch: ImageBatch, params: AugmentationParams, rng: Rng, mode: AugmentationMode) =>
      checkedCall(where, lines.apply, 'apply', batch, range, () => def.apply(batch, params, rng, mode), `apply (${mode} mode, a batch of ${batch.n})`),
  };
  const { variants, variant } = def;
  if (variants && variant) {
    Object.assign(guarded, {
      variants: (params: AugmentationParams) => {
        const line = lines.variants ?? lines.variant;
        const k: unknown = call(where, line, 'variants()', () => variants(params));
        if (typeof k !== 'number' || !Number.isInteger(k) || k < 0 || k > MAX_VARIANTS) {
          const got = typeof k === 'number' ? String(k) : k === undefined ? 'nothing' : typeof k;
          throw new CustomModuleError(where.displayPath, line, `variants() returned ${got}; it must return a whole number of variants from 0 to ${MAX_VARIANTS}`);
        }
        return k;
      },
      variant: (batch: ImageBatch, k: number, params: AugmentationParams) =>
        checkedCall(where, lines.variant ?? lines.apply, `variant ${k}`, batch, range, () => variant(batch, k, params)),
    });
  }
  const check = (def as { check?: unknown }).check;
  if (typeof check === 'function') {
    guarded.check = (params: AugmentationParams) => call(where, lines.check, 'check()', () => (check as (p: AugmentationParams) => unknown).call(def, params));
  }
  return guarded;
}
