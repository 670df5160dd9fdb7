import { isModulePath, listAugmentations } from '../../engine/api';

/**
 * The registry category of each augmentation id of a run (`cutout-0.2` and `cutout{area=0.2}` are
 * `cutout`'s category; module paths and names the registry does not know are `custom`). The host
 * sends the map to the webview, which never imports the engine.
 */
export function augmentationCategories(ids: readonly string[]): Record<string, string> {
  const byName = new Map(listAugmentations().map((d) => [d.name, d.category as string]));
  const out: Record<string, string> = {};
  for (const id of ids) {
    if (isModulePath(id)) {
      out[id] = 'custom';
      continue;
    }
    const base = id.replace(/\{.*$/, '');
    const name = byName.has(base) ? base : base.replace(/-[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i, '');
    out[id] = byName.get(name) ?? 'custom';
  }
  return out;
}
