import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ExperimentConfig } from '../shared/config';
import { formatConfigReport, validateConfigText } from '../engine/api';

export type ConfigFileResult = { ok: true; config: ExperimentConfig; baseDir: string; report: string } | { ok: false; report: string };

/** Reads and validates a config file; `report` is the text to print (errors and warnings). */
export function readConfigFile(file: string): ConfigFileResult {
  const path = resolve(file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    return { ok: false, report: `${file}: cannot read the config: ${(error as Error).message}` };
  }
  const baseDir = dirname(path);
  const result = validateConfigText(text, file, { baseDir });
  const report = formatConfigReport(result, file);
  return result.ok ? { ok: true, config: result.config, baseDir, report } : { ok: false, report };
}
