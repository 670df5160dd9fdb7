/**
 * Writes the manifests of a sharded run on Kubernetes and the kubectl steps that carry it
 * through (steps.txt). The file-writing core of `ssad k8s`, shared with the extension's
 * `SSAD: Export Cluster Job`: it prints nothing and exits nothing; it says what it wrote, or why
 * it wrote nothing, and the caller tells the user. It talks to no cluster.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type { ExperimentConfig } from '../shared/config';
import { customModuleRefs } from '../engine/api';
import { CONFIGMAP_MAX_BYTES, configMapKey, moduleMountPath } from './k8s/configMapFiles';
import type { K8sSettings } from './k8s/flags';
import { buildK8sManifests, type ConfigModule, type K8sManifests } from './k8s/manifests';
import { kubectlSteps } from './k8s/steps';
import { toYamlDocuments } from './k8s/yaml';

/** The file beside the manifests that holds the kubectl steps. */
export const K8S_STEPS_FILE = 'steps.txt';

export interface K8sJobInput {
  /** The config file (its text as written goes into the ConfigMap). */
  configFile: string;
  /** The config, validated. */
  config: ExperimentConfig;
  /** The folder relative paths of the config resolve against (the config's folder). */
  baseDir: string;
  settings: K8sSettings;
  /** The submission's time: names every object. */
  now: Date;
  /** The folder the user types the steps from: paths below it are written relative to it. */
  shownFrom: string;
}

export interface K8sJob {
  outDir: string;
  manifests: K8sManifests;
  /** What was written, by name: the manifest files, then steps.txt. */
  files: string[];
  /** The kubectl steps: `# …` comments and commands, in order (as in steps.txt). */
  steps: string[];
  /** The config's file name, for messages. */
  configName: string;
}

export type K8sJobResult = { ok: true; job: K8sJob } | { ok: false; error: string };

/** The default folder of a submission's manifests, beside the config. */
export function defaultK8sDir(baseDir: string, jobName: string): string {
  return join(baseDir, '.ssad', 'k8s', jobName);
}

/** A path as the user would type it from `from`: relative below it, else absolute. */
export function shownPath(target: string, from: string): string {
  const rel = relative(from, target);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? target : rel;
}

export function writeK8sJob(input: K8sJobInput): K8sJobResult {
  const { config, baseDir, settings } = input;
  const fail = (error: string): K8sJobResult => ({ ok: false, error });
  const shown = (target: string): string => shownPath(target, input.shownFrom);

  // A folder data set is read by the pods from the claim: the config is checked against the copy
  // here, and the ConfigMap's copy of the config points at the one on the claim.
  const dataset = config.dataset;
  if (dataset.source === 'folder' && settings.data === undefined) {
    return fail(
      `dataset.path "${dataset.path}" is a folder on this machine, and the pods read data from the claim mounted at /runs: ` +
        `give the folder's place there with --data (e.g. --data /runs/data/${basename(resolve(baseDir, dataset.path)) || 'dataset'}); the printed steps copy it there`,
    );
  }
  if (dataset.source !== 'folder' && settings.data !== undefined) {
    return fail(`--data is for a config whose dataset.source is "folder"; this one's is "${dataset.source}", which needs no files`);
  }

  const modules: ConfigModule[] = [];
  for (const { field, ref } of customModuleRefs(config)) {
    const written = typeof ref === 'string' ? ref : ref.name;
    const mount = moduleMountPath(written);
    if (!mount.ok) return fail(`${field}: "${written}": ${mount.why}`);
    if (modules.some((m) => m.path === mount.path)) continue;
    modules.push({ path: mount.path, text: readFileSync(resolve(baseDir, written), 'utf8') });
  }

  const configPath = resolve(input.configFile);
  let configText = readFileSync(configPath, 'utf8');
  if (settings.data !== undefined) {
    const raw = JSON.parse(configText.replace(/^\uFEFF/, '')) as { dataset: { path: string } };
    raw.dataset.path = settings.data;
    configText = `${JSON.stringify(raw, null, 2)}\n`;
  }
  const configFile = configMapKey(configPath);
  const bytes = Buffer.byteLength(configText) + modules.reduce((sum, m) => sum + Buffer.byteLength(m.text), 0);
  if (bytes > CONFIGMAP_MAX_BYTES) {
    return fail(`the config and its custom modules take ${bytes.toLocaleString('en-US')} bytes; a ConfigMap holds at most ${CONFIGMAP_MAX_BYTES.toLocaleString('en-US')}`);
  }

  const manifests = buildK8sManifests({
    configName: config.name,
    configFile,
    configText,
    modules,
    shards: settings.shards,
    parallelism: settings.parallelism,
    image: settings.image,
    gpu: settings.gpu,
    cpus: settings.cpus,
    processes: settings.processes,
    memory: settings.memory,
    claim: settings.claim,
    now: input.now,
  });

  const outDir = resolve(settings.out ?? defaultK8sDir(baseDir, manifests.jobName));
  if (existsSync(outDir) && readdirSync(outDir).length > 0) return fail(`--out: the folder ${outDir} is not empty; give a new or empty folder`);
  mkdirSync(outDir, { recursive: true });
  for (const f of manifests.files) writeFileSync(join(outDir, f.name), toYamlDocuments(f.documents));
  const steps = kubectlSteps({
    manifests,
    outDir: shown(outDir),
    shards: settings.shards,
    parallelism: settings.parallelism,
    data: dataset.source === 'folder' && settings.data !== undefined ? { local: shown(resolve(baseDir, dataset.path)), onClaim: settings.data } : undefined,
    localRunDir: shown(join(baseDir, '.ssad', 'runs', manifests.jobName)),
  });
  writeFileSync(join(outDir, K8S_STEPS_FILE), `${steps.join('\n')}\n`);
  return { ok: true, job: { outDir, manifests, files: [...manifests.files.map((f) => f.name), K8S_STEPS_FILE], steps, configName: basename(configPath) } };
}

/** The commands of the steps, without their comments: what a terminal runs, in order. */
export function stepCommands(steps: readonly string[]): string[] {
  return steps.filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
}
