/**
 * The config API of the engine: parse `*.ssad.json` text, validate it (schema + semantic checks,
 * defaults filled in) and format errors. Used by the CLI (`ssad validate`, `ssad run`) and by the
 * extension host (diagnostics, `SSAD: Run Experiment`).
 */
import type { ExperimentConfig } from '../../shared/config';
import { registryResolver } from '../augment';
import { formatConfigErrors, type ConfigError } from './errors';
import { locateConfigErrors, parseConfigText } from './jsonText';
import { validateConfigWith, type ValidateConfigOptions, type ValidateConfigResult } from './validate';

export { formatConfigErrors, type ConfigError } from './errors';
export { runtimeLimits, type RuntimeLimits } from './runtime';
export { locateConfigErrors, locatePath, parseConfigText, type ParseConfigResult, type TextPosition } from './jsonText';
export {
  MNIST_CLASS_COUNT,
  SHAPES_CLASS_COUNT,
  ssadSchema,
  validateConfigWith,
  type ValidateConfigOptions,
  type ValidateConfigResult,
} from './validate';
export type { AugmentationResolver } from '../augment';

/**
 * Validates parsed config JSON: the schema (defaults filled in), then augmentation names and
 * parameters, class ranges, testbed × dataset combinations, and — with `baseDir` — the files the
 * config names. The input is not modified.
 */
export function validateConfig(json: unknown, options: ValidateConfigOptions = {}): ValidateConfigResult {
  return validateConfigWith(registryResolver, json, options);
}

export type LoadConfigResult =
  | { ok: true; config: ExperimentConfig; warnings: ConfigError[] }
  /** `failedOn`: the text is not JSON (`syntax`), or the JSON Schema rejected it (`schema`); absent: the semantic checks. */
  | { ok: false; errors: ConfigError[]; warnings: ConfigError[]; failedOn?: 'syntax' | 'schema' };

/**
 * Parses and validates config text in one step; every error and warning carries its line and
 * column in the text where it can be found.
 */
export function validateConfigText(text: string, fileName: string, options: ValidateConfigOptions = {}): LoadConfigResult {
  const parsed = parseConfigText(text, fileName);
  if (!parsed.ok) return { ok: false, errors: parsed.errors, warnings: [], failedOn: 'syntax' };
  const result = validateConfig(parsed.json, options);
  const warnings = locateConfigErrors(result.warnings, parsed.locations);
  if (!result.ok) return { ok: false, errors: locateConfigErrors(result.errors, parsed.locations), warnings, ...(result.failedOn ? { failedOn: result.failedOn } : {}) };
  return { ok: true, config: result.config, warnings };
}

/** Errors, then warnings, as CLI text. */
export function formatConfigReport(result: { errors?: readonly ConfigError[]; warnings: readonly ConfigError[] }, fileName: string): string {
  const parts: string[] = [];
  if (result.errors && result.errors.length > 0) parts.push(formatConfigErrors(result.errors, fileName));
  if (result.warnings.length > 0) parts.push(formatConfigErrors(result.warnings, fileName, { severity: 'warning' }));
  return parts.join('\n');
}
