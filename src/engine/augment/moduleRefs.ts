import type { AugmentationRef, ExperimentConfig } from '../../shared/config';
import { isModulePath } from './registry';

/** Every custom module a config names, with the config field that names it (`augmentations[2]`). */
export function customModuleRefs(config: ExperimentConfig): Array<{ field: string; ref: AugmentationRef }> {
  const refs = config.augmentations.map((ref, i) => ({ field: `augmentations[${i}]`, ref }));
  if (config.testbed.type === 'synthetic') {
    refs.push(...config.testbed.anomalies.map((ref, i) => ({ field: `testbed.anomalies[${i}]`, ref })));
  }
  return refs.filter((r) => isModulePath(r.ref));
}
