/**
 * One fingerprint of an experiment: shards trained on different machines belong to the same grid
 * exactly when their configs hash alike. `runtime` (backend, parallelism, time limits) and
 * `$schema` are left out because they say how a machine trains, not what it trains.
 */
import { createHash } from 'node:crypto';
import type { ExperimentConfig } from '../../shared/config';

/** JSON with every object's keys sorted, recursively, and no spaces: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** SHA-256 hex of the canonical JSON of the (validated) config without `runtime` and `$schema`. */
export function configHash(config: ExperimentConfig): string {
  const { $schema: _schema, runtime: _runtime, ...rest } = config;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}
