/**
 * Loads a custom augmentation module (a path in the config, relative to the config's folder):
 * read → transpile (sucrase) → evaluate (CommonJS, built-in modules only) → pick and check the
 * definition → wrap it so every output is verified. Every failure is a CustomModuleError whose
 * message starts with `path:line:`. The engine loads what it is given; the VS Code extension
 * only hands it modules from a trusted workspace.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AugmentationRef } from '../../shared/config';
import { customAugmentationLabel, resolveParams, type ModuleResolver } from '../augment';
import type { AugmentationDefinition, AugmentationParams, ResolvedAugmentation } from '../augment/types';
import { checkDefinition, lineOf, pickDefinition } from './definition';
import { CustomModuleError, type ModuleLocation } from './errors';
import { evaluateModule } from './evaluate';
import { runModuleCode } from './monitor';
import { guardDefinition } from './guard';
import { displayPath } from './displayPath';
import { messageOf } from './stack';
import { transpileModule } from './transpile';

export interface LoadedModule {
  readonly where: ModuleLocation;
  /** The checked definition, wrapped so that every call is verified. */
  readonly definition: AugmentationDefinition;
}

function refPath(ref: AugmentationRef): string {
  return typeof ref === 'string' ? ref : ref.name;
}

/** Reads, transpiles, evaluates and checks one module file. */
export function loadCustomModule(writtenPath: string, baseDir: string): LoadedModule {
  const where: ModuleLocation = { absolutePath: resolve(baseDir, writtenPath), displayPath: displayPath(writtenPath) };
  let source: string;
  try {
    source = readFileSync(where.absolutePath, 'utf8');
  } catch (error) {
    throw new CustomModuleError(where.displayPath, undefined, `cannot read the module: ${messageOf(error)}`);
  }
  const exports = evaluateModule(transpileModule(source, where), where);
  // The definition's own check() runs here on its defaults: user code, so monitored like a call.
  const def = runModuleCode({ file: where.displayPath, what: 'checking its definition' }, where, () =>
    checkDefinition(pickDefinition(exports, where), source, where),
  );
  const lines = {
    apply: lineOf(source, /\bapply\s*[(:=]/),
    variant: lineOf(source, /\bvariant\s*[(:=]/),
    variants: lineOf(source, /\bvariants\s*[(:=]/),
    check: lineOf(source, /\bcheck\s*[(:=]/),
  };
  return { where, definition: guardDefinition(def, where, lines) };
}

/** Resolves a config reference to a custom module: its definition, parameters (defaults filled in) and label. */
export function resolveCustomAugmentation(ref: AugmentationRef, baseDir: string, loaded?: LoadedModule): ResolvedAugmentation {
  const module = loaded ?? loadCustomModule(refPath(ref), baseDir);
  const given = typeof ref === 'string' ? {} : (ref.params ?? {});
  let params: AugmentationParams;
  try {
    params = resolveParams(module.definition, given);
  } catch (error) {
    throw new CustomModuleError(module.where.displayPath, undefined, messageOf(error));
  }
  return { id: customAugmentationLabel(ref), definition: module.definition, params };
}

/**
 * A synchronous look-up for one process (a training child, the preview child): each file is
 * loaded once, so every cell and the testbed see the same code even if the file is edited while
 * a run goes on. A module that fails to load fails again, with the same message, each time.
 */
export function createModuleResolver(baseDir: string): ModuleResolver {
  const cache = new Map<string, LoadedModule | CustomModuleError>();
  return (ref) => {
    const key = resolve(baseDir, refPath(ref));
    let entry = cache.get(key);
    if (!entry) {
      try {
        entry = loadCustomModule(refPath(ref), baseDir);
      } catch (error) {
        if (!(error instanceof CustomModuleError)) throw error;
        entry = error;
      }
      cache.set(key, entry);
    }
    if (entry instanceof CustomModuleError) throw entry;
    return resolveCustomAugmentation(ref, baseDir, entry);
  };
}
