/**
 * The run-time limits of a config (`runtime.*`), with the schema's defaults for a config built in
 * code that never went through validation: the schema stays the one place that sets them.
 */
import type { RuntimeConfig } from '../../shared/config';
import schemaJson from './ssad.schema.json';

export interface RuntimeLimits {
  /** Longest call of a custom module (loading it included), in milliseconds. */
  augmentationTimeoutMs: number;
  /** Longest cell, in milliseconds. */
  cellTimeoutMs: number;
  /** Largest width × height of one image file. */
  maxImagePixels: number;
}

type Defaults = Record<'augmentationTimeoutSeconds' | 'cellTimeoutSeconds' | 'maxImagePixels', { default: number }>;
const defaults = (schemaJson as unknown as { properties: { runtime: { properties: Defaults } } }).properties.runtime.properties;

export function runtimeLimits(runtime: Partial<RuntimeConfig> | undefined): RuntimeLimits {
  return {
    augmentationTimeoutMs: (runtime?.augmentationTimeoutSeconds ?? defaults.augmentationTimeoutSeconds.default) * 1000,
    cellTimeoutMs: (runtime?.cellTimeoutSeconds ?? defaults.cellTimeoutSeconds.default) * 1000,
    maxImagePixels: runtime?.maxImagePixels ?? defaults.maxImagePixels.default,
  };
}
