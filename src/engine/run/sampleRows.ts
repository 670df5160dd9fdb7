/**
 * The rows of a run's sample sheet: the same normal test images raw, under each anomaly type, and
 * under each training augmentation, so a user sees which augmentation resembles which anomaly.
 */
import type { AugmentationRef } from '../../shared/config';
import { isModulePath, resolveAugmentation } from '../augment';
import { selectImages } from '../image';
import type { SampleSheetRow } from '../imageio';
import { Rng } from '../random';
import type { Task } from '../testbed/types';

function firstIndices(sampleType: readonly string[], type: string, count: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < sampleType.length && out.length < count; i++) if (sampleType[i] === type) out.push(i);
  return out;
}

export function sampleRows(task: Task, augmentations: readonly AugmentationRef[], seed: number, perRow = 8): SampleSheetRow[] {
  const normalIdx = firstIndices(task.sampleType, 'normal', perRow);
  const normals = selectImages(task.test, normalIdx);
  const rows: SampleSheetRow[] = [{ label: `normal (class ${task.normalClass})`, images: normals }];
  for (const type of task.anomalyTypes) {
    const idx = firstIndices(task.sampleType, type, perRow);
    if (idx.length > 0) rows.push({ label: `anomaly: ${type}`, images: selectImages(task.test, idx) });
  }
  for (const ref of augmentations) {
    if (typeof ref === 'string' && isModulePath(ref)) continue;
    const aug = resolveAugmentation(ref);
    const images = aug.definition.apply(normals, aug.params, new Rng(seed, 'samples', aug.id), 'train');
    rows.push({ label: `train aug: ${aug.id}`, images });
  }
  return rows;
}
