/**
 * Which config fields differ between runs, for the compare view: every leaf of the configs as a
 * dotted path (`training.epochs`, `dataset.normalClasses`; arrays compared whole), the fields
 * that differ between any of them, and whether a field is `runtime` (how a run was executed:
 * backend, parallelism, limits), which changes no result by itself.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ConfigDifference {
  path: string;
  /** One value per config, as JSON text; `—` where the field is absent. */
  values: string[];
  runtime: boolean;
}

function leaves(value: Json, prefix: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (prefix === '' && key === '$schema') continue;
      leaves(v, prefix ? `${prefix}.${key}` : key, out);
    }
    return;
  }
  out.set(prefix, JSON.stringify(value));
}

/** The differing fields of the configs, in the order they first appear. */
export function configDifferences(configs: readonly unknown[]): ConfigDifference[] {
  const flat = configs.map((c) => {
    const out = new Map<string, string>();
    leaves((c ?? {}) as Json, '', out);
    return out;
  });
  const paths: string[] = [];
  for (const f of flat) for (const p of f.keys()) if (!paths.includes(p)) paths.push(p);
  return paths
    .map((path) => ({ path, values: flat.map((f) => f.get(path) ?? '—'), runtime: path === 'runtime' || path.startsWith('runtime.') }))
    .filter((d) => d.values.some((v) => v !== d.values[0]));
}
