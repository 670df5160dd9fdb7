/**
 * Which data set the preview shows: the config the command names, else the `*.ssad.json` in the
 * active editor, else the last one this window had active; its `dataset` section as a run would
 * read it (validated by the engine, relative paths against the config's folder). Without a usable
 * config the preview shows MNIST digits and says why. No VS Code API here: the callers pass
 * what the editor shows and the file's text.
 */
import * as path from 'node:path';
import { runtimeLimits, validateConfigText, type ConfigError } from '../../engine/api';
import type { PreviewDataRequest } from '../../shared/previewProtocol';

export const NO_CONFIG_REASON = 'no SSAD config (*.ssad.json) is open: open one to preview on its data set';

export function isConfigFile(file: string | undefined): file is string {
  return typeof file === 'string' && file.toLowerCase().endsWith('.ssad.json');
}

/** The config to preview on, by precedence: the command's argument, the active editor, the last one active. */
export function chooseConfigFile(candidates: { explicit?: string; active?: string; last?: string }): string | undefined {
  return [candidates.explicit, candidates.active, candidates.last].find(isConfigFile);
}

export type DataChoice = { kind: 'config'; data: PreviewDataRequest } | { kind: 'mnist'; reason: string };

/** Errors of the data set first: they are the reason the preview cannot use it. */
function firstError(errors: readonly ConfigError[]): ConfigError | undefined {
  return errors.find((e) => e.path === 'dataset' || e.path.startsWith('dataset.') || e.path.startsWith('dataset[')) ?? errors[0];
}

/**
 * The data request for a config's text (`text` is an Error when the file could not be read), or
 * why the preview falls back to MNIST, naming the file, the line and the field.
 */
export function dataFromConfig(file: string, label: string, text: string | Error): DataChoice {
  if (text instanceof Error) return { kind: 'mnist', reason: `cannot read ${label}: ${text.message}` };
  const result = validateConfigText(text, label, { baseDir: path.dirname(file) });
  if (!result.ok) {
    const error = firstError(result.errors);
    const where = error?.line !== undefined ? `${label}:${error.line}` : label;
    return { kind: 'mnist', reason: `${where} has errors, so its data set is not used: ${error?.message ?? 'invalid config'}` };
  }
  const { config } = result;
  return {
    kind: 'config',
    data: {
      configFile: file,
      configLabel: label,
      dataset: config.dataset,
      baseDir: path.dirname(file),
      seed: config.seeds[0] ?? 0,
      maxImagePixels: runtimeLimits(config.runtime).maxImagePixels,
    },
  };
}
