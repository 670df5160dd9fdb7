/**
 * What a resume needs, checked before anything trains: the run stopped without completing
 * (`interrupted`, `failed` or `canceled`), its config is the same as when it started (the config
 * file, if it still exists, and every custom module it names), and its folder is readable. The
 * CLI (`ssad run --resume RUN_DIR`) and the extension (SSAD: Resume Run) share it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { ExperimentConfig } from '../../shared/config';
import type { RunResults } from '../../shared/results';
import { formatConfigReport, validateConfigText } from '../config';
import { readRunResults } from './readResults';
import { moduleHashes, shardMismatch } from './runExperiment';
import { readOwner } from './runFolder';
import type { ShardSpec } from './shardPlan';
import { errorMessage } from '../../shared/errorMessage';

export class ResumeError extends Error {
  override readonly name = 'ResumeError';
}

export interface ResumePlan {
  runDir: string;
  results: RunResults;
  /** The config to train with: the run's own, with the current `runtime` when one was given. */
  config: ExperimentConfig;
  baseDir: string;
  configFile?: string;
}

export interface ResumeOptions {
  /** The current config (validated), when the caller has one: it must match the run's. */
  config?: ExperimentConfig;
  baseDir?: string;
  configFile?: string;
  /** The shard the caller asked for (`--shard`), when it did: it must be the run's own. */
  shard?: ShardSpec;
}

/** The first place where two JSON values differ, as a path (`training.epochs`), or undefined. */
export function firstDifference(a: unknown, b: unknown, at = ''): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return at || '(the whole config)';
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) {
    const path = Array.isArray(a) ? `${at}[${key}]` : at ? `${at}.${key}` : key;
    const d = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path);
    if (d) return d;
  }
  return undefined;
}

/** The parts of a config that decide its numbers (not where or how fast it trains). */
function comparable(config: ExperimentConfig): unknown {
  const { $schema: _schema, runtime: _runtime, ...rest } = config;
  return JSON.parse(JSON.stringify(rest));
}

export function prepareResume(runDir: string, options: ResumeOptions = {}): ResumePlan {
  const dir = resolve(runDir);
  if (!existsSync(dir)) throw new ResumeError(`${dir} does not exist`);
  let results: RunResults;
  try {
    results = readRunResults(dir);
  } catch (error) {
    throw new ResumeError(errorMessage(error));
  }
  const mismatch = shardMismatch(results, options.shard);
  if (mismatch) throw new ResumeError(`the run in ${dir} cannot be resumed as asked: ${mismatch}`);
  if (results.status === 'completed') throw new ResumeError(`the run in ${dir} completed already: there is nothing to resume`);
  if (results.status === 'running') {
    const owner = readOwner(dir);
    throw new ResumeError(`the run in ${dir} is still training${owner ? ` (process ${owner.pid} on ${owner.host})` : ''}; cancel it first`);
  }
  let current = options.config;
  let configFile = options.configFile;
  let baseDir = options.baseDir;
  const origin = results.origin;
  if (!current && origin?.configFile && existsSync(origin.configFile)) {
    configFile = origin.configFile;
    baseDir = dirname(configFile);
    const checked = validateConfigText(readFileSync(configFile, 'utf8'), configFile, { baseDir });
    if (!checked.ok) throw new ResumeError(`the run's config ${configFile} is no longer valid:\n${formatConfigReport(checked, configFile)}`);
    current = checked.config;
  }
  baseDir ??= origin?.baseDir;
  if (!baseDir) {
    throw new ResumeError(`the run in ${dir} does not say where its config came from (an older SSAD Lab made it): pass the config too, "ssad run CONFIG --resume ${dir}"`);
  }
  if (current) {
    const diff = firstDifference(comparable(results.config), comparable(current));
    if (diff) {
      throw new ResumeError(
        `the config${configFile ? ` ${configFile}` : ''} changed since the run started (first difference: ${diff}); resuming would mix two experiments in one run: start a new run instead`,
      );
    }
  }
  if (origin) {
    const now = moduleHashes(results.config, baseDir);
    for (const [path, hash] of Object.entries(origin.modules)) {
      if (now[path] !== hash) {
        throw new ResumeError(
          `the custom augmentation module ${path} ${now[path] === 'missing' ? 'is gone' : 'changed'} since the run started; resuming would mix two versions of it: start a new run instead`,
        );
      }
    }
  }
  const config: ExperimentConfig = current ? { ...results.config, runtime: current.runtime } : results.config;
  return { runDir: dir, results, config, baseDir, configFile };
}
