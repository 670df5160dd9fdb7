/**
 * Typed access to an augmentation's parameters, and the optional cross-parameter check that the
 * built-in definitions carry (e.g. `minArea ≤ maxArea`).
 */
import type { AugmentationParamValue } from '../../shared/config';
import type { AugmentationDefinition, AugmentationParams, ParamSpec } from './types';

/**
 * An AugmentationDefinition that may also check relations between its parameters. The registry
 * calls `check` after each parameter has passed its own ParamSpec; it returns an error message,
 * or undefined when the parameters are consistent. Custom modules may provide it too.
 */
export interface CheckedAugmentationDefinition extends AugmentationDefinition {
  readonly check?: (params: AugmentationParams) => string | undefined;
}

function valueOf(params: AugmentationParams, specs: Readonly<Record<string, ParamSpec>>, name: string): AugmentationParamValue {
  const v = params[name];
  if (v !== undefined) return v;
  const spec = specs[name];
  if (!spec) throw new Error(`no parameter "${name}"`);
  return spec.default;
}

/** A number (or integer) parameter, its default when absent. */
export function numberParam(params: AugmentationParams, specs: Readonly<Record<string, ParamSpec>>, name: string): number {
  const v = valueOf(params, specs, name);
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TypeError(`parameter "${name}" must be a number, got ${JSON.stringify(v)}`);
  return v;
}

/** A number[] parameter, its default when absent. */
export function numbersParam(params: AugmentationParams, specs: Readonly<Record<string, ParamSpec>>, name: string): number[] {
  const v = valueOf(params, specs, name);
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
    throw new TypeError(`parameter "${name}" must be a list of numbers, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** A string parameter, its default when absent. */
export function stringParam(params: AugmentationParams, specs: Readonly<Record<string, ParamSpec>>, name: string): string {
  const v = valueOf(params, specs, name);
  if (typeof v !== 'string') throw new TypeError(`parameter "${name}" must be a string, got ${JSON.stringify(v)}`);
  return v;
}

/** A boolean parameter, its default when absent. */
export function booleanParam(params: AugmentationParams, specs: Readonly<Record<string, ParamSpec>>, name: string): boolean {
  const v = valueOf(params, specs, name);
  if (typeof v !== 'boolean') throw new TypeError(`parameter "${name}" must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/** "a (x) must not exceed b (y)" when a > b. */
export function orderedPair(params: AugmentationParams, specs: Readonly<Record<string, ParamSpec>>, lo: string, hi: string): string | undefined {
  const a = numberParam(params, specs, lo);
  const b = numberParam(params, specs, hi);
  return a > b ? `${lo} (${a}) must not exceed ${hi} (${b})` : undefined;
}

/** Throws a RangeError unless 0 ≤ k < count (variant indices for transformation prediction). */
export function checkVariant(name: string, k: number, count: number): void {
  if (!Number.isInteger(k) || k < 0 || k >= count) {
    throw new RangeError(`${name} has variants 0..${count - 1}, got ${k}`);
  }
}
