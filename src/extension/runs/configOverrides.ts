/**
 * Overrides on top of a config: the Run Quickstart argument (a test-scale grid) and the
 * `ssad.backend` / `ssad.parallelism` settings. Pure: no vscode.
 */
export type JsonObject = { [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Objects merge key by key; anything else (lists included) replaces. The inputs are not modified. */
export function mergeConfig(base: JsonObject, overrides: unknown): JsonObject {
  if (!isObject(overrides)) return structuredClone(base);
  const out: JsonObject = structuredClone(base);
  for (const [key, value] of Object.entries(overrides)) {
    out[key] = isObject(value) && isObject(out[key]) ? mergeConfig(out[key] as JsonObject, value) : structuredClone(value);
  }
  return out;
}

/**
 * `ssad.backend` overrides the config's `runtime.backend` unless it is "config" (the default): a
 * setting is how a user says "this machine has no native TensorFlow", whatever the config says.
 * Its other values mean what `ssad run --backend` means, `auto` included (pick the best here).
 */
export function effectiveBackend<B extends string>(configBackend: B, setting: string | undefined): B {
  return setting && setting !== 'config' ? (setting as B) : configBackend;
}

/** `ssad.parallelism` when set to a positive integer; otherwise the config decides. */
export function effectiveParallelism(setting: unknown): number | undefined {
  return typeof setting === 'number' && Number.isInteger(setting) && setting >= 1 ? setting : undefined;
}
