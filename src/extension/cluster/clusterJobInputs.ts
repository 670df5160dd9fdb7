/**
 * The answers of `SSAD: Export Cluster Job` — scheduler, number of shards, image, data set folder
 * on the claim — as a person types them or a script passes them, checked before anything is
 * written. Pure: no vscode.
 */
import * as path from 'node:path';
import { DEFAULT_CPUS, DEFAULT_MEMORY } from '../../cli/k8s/flags';
import { DEFAULT_CLAIM, MAX_SHARDS, RUNS_MOUNT } from '../../cli/k8s/manifests';
import { shellQuote } from '../../cli/shellQuote';

export type Scheduler = 'slurm' | 'kubernetes';

/** What a script or test may pass to skip the prompts; anything left out is asked for. */
export interface ClusterJobAnswers {
  scheduler?: Scheduler;
  shards?: number;
  /** Kubernetes: the ssad image the pods run. */
  image?: string;
  /** Kubernetes, folder data sets: where the data set lies on the claim (under /runs). */
  data?: string;
  /** Slurm: shell text that runs ssad on the nodes. */
  ssad?: string;
}

export type AnswersResult = { ok: true; answers: ClusterJobAnswers } | { ok: false; error: string };

/** A Slurm array this large is far beyond any cluster's MaxArraySize; a typo, most likely. */
export const MAX_SLURM_SHARDS = 1_000_000;

export function maxShards(scheduler: Scheduler): number {
  return scheduler === 'slurm' ? MAX_SLURM_SHARDS : MAX_SHARDS;
}

/** `slurm`, `kubernetes` (or `k8s`), any case; undefined for anything else. */
export function parseScheduler(value: unknown): Scheduler | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'slurm') return 'slurm';
  if (v === 'kubernetes' || v === 'k8s') return 'kubernetes';
  return undefined;
}

/** Why the text typed as the number of shards is not one, or undefined when it is. */
export function shardCountProblem(text: string, scheduler: Scheduler): string | undefined {
  const max = maxShards(scheduler);
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > max) return `A whole number from 1 to ${max.toLocaleString('en-US')}.`;
  return undefined;
}

/** Why the text typed as the image is not an image reference, or undefined when it is. */
export function imageProblem(text: string): string | undefined {
  const t = text.trim();
  if (t === '') return 'The image the pods run, e.g. registry.example.com/ssad:0.1.0 (built from docker/Dockerfile).';
  if (/\s/.test(t)) return 'An image reference has no spaces.';
  return undefined;
}

/** Why the text typed as the data set's folder on the claim is not one, or undefined when it is. */
export function claimDataProblem(text: string): string | undefined {
  const normal = path.posix.normalize(text.trim());
  if (!normal.startsWith(`${RUNS_MOUNT}/`) || normal === `${RUNS_MOUNT}/` || text.includes('\\')) {
    return `An absolute path under ${RUNS_MOUNT}, where the claim is mounted, e.g. ${RUNS_MOUNT}/data/bottle.`;
  }
  return undefined;
}

/** Where the steps put a folder data set on the claim, unless the user says otherwise. */
export function defaultClaimData(datasetPath: string): string {
  return `${RUNS_MOUNT}/data/${path.basename(path.resolve(datasetPath)) || 'dataset'}`;
}

/**
 * Checks answers passed as an argument (scripts, tests): a plain object whose fields, when
 * present, are valid. Anything else (the second argument VS Code passes from a menu) is no answers.
 */
export function readAnswers(arg: unknown): AnswersResult | undefined {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return undefined;
  const raw = arg as Record<string, unknown>;
  if (!['scheduler', 'shards', 'image', 'data', 'ssad'].some((k) => k in raw)) return undefined;
  const answers: ClusterJobAnswers = {};
  if (raw.scheduler !== undefined) {
    answers.scheduler = parseScheduler(raw.scheduler);
    if (!answers.scheduler) return { ok: false, error: `scheduler must be "slurm" or "kubernetes", got ${JSON.stringify(raw.scheduler)}` };
  }
  if (raw.shards !== undefined) {
    const problem = shardCountProblem(String(raw.shards), answers.scheduler ?? 'kubernetes');
    if (problem) return { ok: false, error: `shards: ${problem} Got ${JSON.stringify(raw.shards)}.` };
    answers.shards = Number(raw.shards);
  }
  for (const key of ['image', 'data', 'ssad'] as const) {
    const value = raw[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') return { ok: false, error: `${key} must be a string, got ${JSON.stringify(value)}` };
    answers[key] = value.trim();
  }
  const problem = (answers.image !== undefined && imageProblem(answers.image)) || (answers.data !== undefined && claimDataProblem(answers.data));
  if (problem) return { ok: false, error: problem };
  if (answers.ssad !== undefined && (answers.ssad === '' || /[\r\n\0]/.test(answers.ssad))) return { ok: false, error: 'ssad must be one line of shell that runs ssad on a node' };
  return { ok: true, answers };
}

/**
 * How the Slurm nodes run ssad, by default: this extension's own CLI bundle, by absolute path (the
 * nodes share the login node's file system, as they must for the job folder). Under Remote-SSH,
 * WSL or a server the extension host is a Node binary that the nodes can run too; in a desktop
 * window it is the editor's own binary, so the nodes' `node` runs it.
 */
export function ssadCommandForNodes(o: { execPath: string; electron: boolean; cliScript: string }): string {
  return `${o.electron ? 'node' : shellQuote(o.execPath)} ${shellQuote(o.cliScript)}`;
}

/** The prompt of the shard count: what a shard is, and the defaults that stay. */
export function shardsPrompt(scheduler: Scheduler, ssad: string): string {
  return scheduler === 'slurm'
    ? `Array tasks: task i trains shard i of the grid's cells, then a merge job puts them together. Defaults: 1 CPU per task, the cluster's partition, time and memory limits; the nodes run ${ssad}. Edit array.sbatch to change them.`
    : `Pods of the Indexed Job: pod i trains shard i of the grid's cells, then a merge Job puts them together. Defaults: all shards at once, ${DEFAULT_CPUS} CPUs and ${DEFAULT_MEMORY} per pod, no GPU, a new claim ${DEFAULT_CLAIM}.`;
}

/** Where the job goes, for the prompts: the default folder beside the config. */
export function jobFolderHint(scheduler: Scheduler): string {
  return scheduler === 'slurm' ? '.ssad/slurm/<time>-<name>/ beside the config' : '.ssad/k8s/<name>-<time>/ beside the config';
}
