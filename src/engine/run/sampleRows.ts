/**
 * The rows of a run's sample sheet: the same normal test images raw, under each anomaly type, and
 * under each training augmentation, so a user sees which augmentation resembles which anomaly.
 */
import type { AugmentationRef } from '../../shared/config';
import { applyAugmentation, isModulePath, resolveAugmentationRef, type ModuleResolver } from '../augment';
import { selectImages } from '../image';
import type { SampleSheetRow } from '../imageio';
import { Rng } from '../random';
import type { Task } from '../testbed/types';

function firstIndices(sampleType: readonly string[], type: string, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < sampleType.length && out.length < count; i++) if (sampleType[i] === type) out.push(i);
  return out;
}

/**
 * `resolveModule` loads custom modules (paths in the config); without it their rows are left out.
 * A custom module that fails here gets no row: its cell reports the error, the sheet goes on.
 */
export function sampleRows(
  task: Task,
  augmentations: readonly AugmentationRef[],
  seed: number,
  perRow = 8,
  resolveModule?: ModuleResolver,
): SampleSheetRow[] {
  const normalIdx = firstIndices(task.sampleType, 'normal', perRow);
  const normals = selectImages(task.test, normalIdx);
  const rows: SampleSheetRow[] = [{ label: `normal (class ${task.normalClass})`, images: normals }];
  for (const type of task.anomalyTypes) {
    const idx = firstIndices(task.sampleType, type, perRow);
    if (idx.length > 0) rows.push({ label: `anomaly: ${type}`, images: selectImages(task.test, idx) });
  }
  for (const ref of augmentations) {
    try {
      const aug = resolveAugmentationRef(ref, resolveModule);
      rows.push({ label: `train aug: ${aug.id}`, images: applyAugmentation(aug, normals, new Rng(seed, 'samples', aug.id), 'train') });
    } catch (error) {
      // Only a custom module may fail here unnoticed: the cell that trains with it reports why.
      if (!isModulePath(ref)) throw error;
    }
  }
  return rows;
}
