/** Config references to custom augmentation modules: which a config names, and how each is labelled. */
import type { AugmentationRef, ExperimentConfig } from '../../shared/config';
import { isModulePath, labelWithParams } from './registry';

/** Every custom module a config names, with the config field that names it (`augmentations[2]`). */
export function customModuleRefs(config: ExperimentConfig): Array<{ field: string; ref: AugmentationRef }> {
  const refs = config.augmentations.map((ref, i) => ({ field: `augmentations[${i}]`, ref }));
  if (config.testbed.type === 'synthetic') {
    refs.push(...config.testbed.anomalies.map((ref, i) => ({ field: `testbed.anomalies[${i}]`, ref })));
  }
  return refs.filter((r) => isModulePath(r.ref));
}

/**
 * The label (and so the cell id and anomaly-type name) of a custom augmentation: the module path
 * exactly as written in the config, plus any explicit parameters in braces like a built-in's
 * (`./ssad/augmentations/x.ts{size=0.2}`). It is computed without loading user code, it never
 * changes when the module's `name` is edited, and two entries that differ in path or parameters
 * never share it.
 */
export function customAugmentationLabel(ref: AugmentationRef): string {
  if (typeof ref === 'string') return ref;
  return labelWithParams(ref.name, ref.params ?? {});
}
