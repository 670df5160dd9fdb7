/**
 * Picks the augmentation out of a custom module's exports and checks it against the one typed
 * interface (`AugmentationDefinition`), with the registry's own rules, so a custom module is held
 * to exactly what a built-in is.
 */
import { definitionProblems, isBuiltinAugmentation } from '../augment';
import type { AugmentationDefinition } from '../augment/types';
import { CustomModuleError, type ModuleLocation } from './errors';

/** What a custom module may add to the interface: the value range its outputs stay in. */
export interface CustomAugmentationExtras {
  /** Output values must lie in [min, max]; default [0, 1] (the engine's image range). */
  readonly outputRange?: readonly [number, number];
}

export type CustomAugmentationDefinition = AugmentationDefinition & CustomAugmentationExtras;

/** The 1-based line of the first match of `pattern` in the source, if any. */
export function lineOf(source: string, pattern: RegExp): number | undefined {
  const lines = source.split(/\r?\n/);
  const index = lines.findIndex((l) => pattern.test(l));
  return index < 0 ? undefined : index + 1;
}

const EXPORT_PATTERN = /\bexport\s+(default\b|(const|let|var)\s+augmentation\b)|\bmodule\.exports\b|\bexports\.(default|augmentation)\b/;

/** The module's default export, or its export named `augmentation`. */
export function pickDefinition(exports: Record<string, unknown>, where: ModuleLocation): unknown {
  const picked = exports.default ?? exports.augmentation;
  if (picked === undefined) {
    throw new CustomModuleError(
      where.displayPath,
      undefined,
      'the module exports no augmentation: add `export default { name, category, description, params, apply }` (or `export const augmentation = …`)',
    );
  }
  return picked;
}

/** Throws a CustomModuleError listing every problem of the definition; returns it typed otherwise. */
export function checkDefinition(candidate: unknown, source: string, where: ModuleLocation): CustomAugmentationDefinition {
  const line = lineOf(source, EXPORT_PATTERN);
  const problems = definitionProblems(candidate as AugmentationDefinition);
  const def = candidate as CustomAugmentationDefinition;
  if (problems.length === 0 && isBuiltinAugmentation(def.name)) {
    problems.push(`name "${def.name}" is a built-in augmentation; choose another name`);
  }
  if (problems.length === 0 && def.outputRange !== undefined) {
    const r = def.outputRange as unknown;
    const ok = Array.isArray(r) && r.length === 2 && r.every((v) => typeof v === 'number' && Number.isFinite(v)) && r[0] <= r[1];
    if (!ok) problems.push('outputRange must be [min, max], two finite numbers with min ≤ max');
  }
  if (problems.length > 0) {
    throw new CustomModuleError(where.displayPath, line, `invalid augmentation: ${problems.join('; ')}`);
  }
  return def;
}
