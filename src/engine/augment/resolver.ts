/**
 * What a config's augmentation reference resolves to. A reference names either a catalogue entry
 * (the registry resolves it) or a custom module file (a path); loading user code is `custom/`'s
 * business and only some processes may do it, so the caller hands in a module resolver where
 * modules may load. Every caller asks here, so "built-in or custom module?" is decided once.
 */
import type { AugmentationRef } from '../../shared/config';
import { customAugmentationLabel } from './moduleRefs';
import { isModulePath, resolveAugmentation } from './registry';
import type { ResolvedAugmentation } from './types';

/** Loads the custom module a reference names and resolves it (`custom/createModuleResolver` makes one). */
export type ModuleResolver = (ref: AugmentationRef) => ResolvedAugmentation;

/** Tells module paths from catalogue references and resolves the latter; tests hand in fakes. */
export interface AugmentationResolver {
  /** Whether the reference names a custom module file (`./ssad/augmentations/x.ts`). */
  isModulePath(ref: AugmentationRef): boolean;
  /** Resolves a catalogue reference; throws with a readable message (unknown name, bad parameter). */
  resolve(ref: AugmentationRef): ResolvedAugmentation;
}

/** The engine's catalogue. */
export const registryResolver: AugmentationResolver = { isModulePath, resolve: resolveAugmentation };

/** A module path met where no module resolver was given: this caller may not load user code. */
export class ModuleResolverMissingError extends Error {
  constructor(
    /** The module's path as written in the config. */
    readonly path: string,
  ) {
    super(`custom augmentation modules need a module resolver: cannot use "${path}"`);
  }
}

/**
 * The augmentation a reference names: a catalogue entry through `resolver`, a module through
 * `resolveModule`. Throws the resolver's readable error, whatever the module resolver throws
 * (a CustomModuleError naming the file and line), or a ModuleResolverMissingError.
 */
export function resolveAugmentationRef(
  ref: AugmentationRef,
  resolveModule?: ModuleResolver,
  resolver: AugmentationResolver = registryResolver,
): ResolvedAugmentation {
  if (!resolver.isModulePath(ref)) return resolver.resolve(ref);
  if (!resolveModule) throw new ModuleResolverMissingError(typeof ref === 'string' ? ref : ref.name);
  return resolveModule(ref);
}

/**
 * The label a reference has in results (the id it resolves to), without loading user code: the
 * run's parent labels its cells before any child has loaded a module.
 */
export function resultsLabel(ref: AugmentationRef): string {
  return isModulePath(ref) ? customAugmentationLabel(ref) : resolveAugmentation(ref).id;
}
