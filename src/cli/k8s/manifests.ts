/**
 * The Kubernetes manifests of `ssad k8s`: a pure function from what the user asked for to the
 * objects to apply. One submission is
 *   - `pvc.yaml`   the claim `ssad-runs` (ReadWriteMany) that holds every run folder, made once
 *                  and shared by later submissions; left out when `--pvc` names an existing claim;
 *   - `files.yaml` a pod that only mounts the claim, for `kubectl cp` (data up, results down);
 *   - `job.yaml`   a ConfigMap with the config (and its custom modules, at their paths relative
 *                  to it, so the config reads them as it does locally) and an Indexed Job whose
 *                  pod `i` runs `ssad run --shard i/N` into `/runs/<job>/shards/<i>/`;
 *   - `merge.yaml` a Job that runs `ssad merge` on the shard folders into `/runs/<job>/merged`.
 * Kubernetes has no dependency between Jobs, so the merge is its own file, applied once
 * `kubectl wait` says the Indexed Job completed (see ./steps).
 *
 * The objects are typed with the Kubernetes API types (type-only imports, nothing at run time),
 * so a misspelt field or a wrong type fails the type check; the unit tests also validate the
 * written YAML against the Kubernetes schemas.
 */
import type { IIoK8sApimachineryPkgApisMetaV1ObjectMeta as ObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IPodFailurePolicyRule } from 'kubernetes-models/batch/v1/PodFailurePolicyRule';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import type { IPod } from 'kubernetes-models/v1/Pod';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IResourceRequirements } from 'kubernetes-models/v1/ResourceRequirements';
import type { K8sSettings } from './flags';
import { isDnsLabel, isDnsSubdomain, jobName as makeJobName, NAME_SUFFIXES } from './names';

/** Where the claim is mounted in every pod; run folders live under `/runs/<job>/`. */
export const RUNS_MOUNT = '/runs';
/** Where the ConfigMap is mounted: the config and its modules, read-only. */
export const CONFIG_MOUNT = '/config';
/** The claim made by pvc.yaml when `--pvc` names none. */
export const DEFAULT_CLAIM = 'ssad-runs';
/** Its requested size: run folders are small (scores, JSON); data sets put on it are not. */
export const DEFAULT_CLAIM_SIZE = '20Gi';
/** The `node` user of the official Node.js images, which the image runs as (docker/Dockerfile). */
export const IMAGE_UID = 1000;
/** Kubernetes' cap on the completions of an Indexed Job. */
export const MAX_SHARDS = 100_000;
/** Tries per shard: one retry for a pod lost to a node failure or an out-of-memory kill. */
export const BACKOFF_LIMIT_PER_INDEX = 1;
/** Exit codes of `ssad run` and `ssad merge` that a retry would only repeat (src/cli/exitCodes.ts). */
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

export interface ConfigModule {
  /** Path relative to the config's folder, `/`-separated, inside it (no `..`). */
  path: string;
  text: string;
}

/** What the manifests are made from: the config, and the settings the flags gave. */
export interface K8sSpec extends Pick<K8sSettings, 'shards' | 'parallelism' | 'image' | 'gpu' | 'cpus' | 'processes' | 'memory' | 'claim'> {
  /** The config's `name`: the objects are named after it. */
  configName: string;
  /** The config's file name under /config (also its ConfigMap key). */
  configFile: string;
  configText: string;
  /** Custom augmentation modules the config lists, placed beside it as locally. */
  modules: readonly ConfigModule[];
  now: Date;
}

export interface ManifestFile {
  /** File name in the output folder. */
  name: string;
  documents: object[];
}

export interface K8sManifests {
  jobName: string;
  mergeJobName: string;
  filesPodName: string;
  claimName: string;
  /** Whether pvc.yaml is among the files (no `--pvc` given). */
  createsClaim: boolean;
  /** `/runs/<job>`: the shards under it, then the merged run. */
  runDir: string;
  mergedDir: string;
  /** In the order they are applied. */
  files: ManifestFile[];
}

/** The ConfigMap key of module `i`: keys allow only `[-._a-zA-Z0-9]`, paths are given by `items`. */
function moduleKey(i: number): string {
  return `module-${i}`;
}

function labels(job: string | undefined, component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': 'ssad-lab',
    ...(job === undefined ? {} : { 'app.kubernetes.io/instance': job }),
    'app.kubernetes.io/component': component,
  };
}

function metadata(name: string, job: string | undefined, component: string, annotations?: Record<string, string>): ObjectMeta {
  return { name, labels: labels(job, component), ...(annotations ? { annotations } : {}) };
}

/** The restricted Pod Security Standard: the image's non-root user, no privilege escalation. */
function podSecurity(): IPodSpec['securityContext'] {
  return {
    runAsNonRoot: true,
    runAsUser: IMAGE_UID,
    runAsGroup: IMAGE_UID,
    // Makes the claim writable by that user on volume types that support ownership changes.
    fsGroup: IMAGE_UID,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function containerSecurity(): IContainer['securityContext'] {
  return { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
}

function resources(cpu: string, memory: string, gpu: boolean): IResourceRequirements {
  // Requests equal limits (Guaranteed QoS): a shard's time is predictable, and `--parallel`
  // matches the CPUs it really gets. A GPU is asked for in limits only, as Kubernetes expects.
  return {
    requests: { cpu, memory },
    limits: { cpu, memory, ...(gpu ? { 'nvidia.com/gpu': '1' } : {}) },
  };
}

/** A pod lost to preemption, a node drain or an eviction is not the shard's fault: not counted. */
const IGNORE_DISRUPTION: IPodFailurePolicyRule = { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] };

function shardScript(spec: K8sSpec, runDir: string): string {
  const out = `${runDir}/shards/"$JOB_COMPLETION_INDEX"`;
  const flags = [`--parallel ${spec.processes}`, ...(spec.gpu ? ['--backend node'] : [])].join(' ');
  // Kubernetes sets JOB_COMPLETION_INDEX in every pod of an Indexed Job; the shell expands it.
  return [
    'set -eu',
    `out=${out}`,
    '# A retried index starts over: its failed try would otherwise be a second folder of this shard.',
    'rm -rf "$out"',
    `exec ssad run ${CONFIG_MOUNT}/${spec.configFile} --shard "$JOB_COMPLETION_INDEX/${spec.shards}" --out "$out" ${flags}`,
    '',
  ].join('\n');
}

function mergeScript(runDir: string, mergedDir: string): string {
  return [
    'set -eu',
    '# ssad merge writes into a new or empty folder; a retried merge starts over.',
    `rm -rf ${mergedDir}`,
    `exec ssad merge ${mergedDir} ${runDir}/shards/*/*`,
    '',
  ].join('\n');
}

function shardJob(spec: K8sSpec, names: { job: string; config: string; claim: string }, runDir: string): IJob {
  const container: IContainer = {
    name: 'shard',
    image: spec.image,
    command: ['sh', '-c', shardScript(spec, runDir)],
    // TensorFlow takes all GPU memory by default; the pod's training processes share one GPU.
    ...(spec.gpu ? { env: [{ name: 'TF_FORCE_GPU_ALLOW_GROWTH', value: 'true' }] } : {}),
    resources: resources(spec.cpus, spec.memory, spec.gpu),
    volumeMounts: [
      { name: 'config', mountPath: CONFIG_MOUNT, readOnly: true },
      { name: 'runs', mountPath: RUNS_MOUNT },
    ],
    securityContext: containerSecurity(),
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata(names.job, names.job, 'shards', { 'ssad-lab/config-name': spec.configName, 'ssad-lab/config-file': spec.configFile }),
    spec: {
      completionMode: 'Indexed',
      completions: spec.shards,
      parallelism: spec.parallelism,
      backoffLimitPerIndex: BACKOFF_LIMIT_PER_INDEX,
      podFailurePolicy: {
        rules: [
          // A bad config fails every shard alike: stop them all at once.
          { action: 'FailJob', onExitCodes: { containerName: 'shard', operator: 'In', values: [EXIT_USAGE] } },
          // Cells failed (recorded in the shard's results.json): a retry would train them again
          // and delete the cells that completed; the merge reports the missing ones.
          { action: 'FailIndex', onExitCodes: { containerName: 'shard', operator: 'In', values: [EXIT_FAILED] } },
          IGNORE_DISRUPTION,
        ],
      },
      template: {
        metadata: { labels: labels(names.job, 'shards') },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: podSecurity(),
          containers: [container],
          volumes: [
            {
              name: 'config',
              configMap: {
                name: names.config,
                items: [{ key: spec.configFile, path: spec.configFile }, ...spec.modules.map((m, i) => ({ key: moduleKey(i), path: m.path }))],
              },
            },
            { name: 'runs', persistentVolumeClaim: { claimName: names.claim } },
          ],
        },
      },
    },
  };
}

function mergeJob(spec: K8sSpec, names: { job: string; merge: string; claim: string }, runDir: string, mergedDir: string): IJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: metadata(names.merge, names.job, 'merge'),
    spec: {
      backoffLimit: 1,
      podFailurePolicy: {
        rules: [
          // Cells missing (the merged run is written, status failed) or shards that do not match:
          // the same shard folders give the same answer.
          { action: 'FailJob', onExitCodes: { containerName: 'merge', operator: 'In', values: [EXIT_FAILED, EXIT_USAGE] } },
          IGNORE_DISRUPTION,
        ],
      },
      template: {
        metadata: { labels: labels(names.job, 'merge') },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: podSecurity(),
          containers: [
            {
              name: 'merge',
              image: spec.image,
              command: ['sh', '-c', mergeScript(runDir, mergedDir)],
              resources: resources('1', spec.memory, false),
              volumeMounts: [{ name: 'runs', mountPath: RUNS_MOUNT }],
              securityContext: containerSecurity(),
            },
          ],
          volumes: [{ name: 'runs', persistentVolumeClaim: { claimName: names.claim } }],
        },
      },
    },
  };
}

function filesPod(spec: K8sSpec, names: { job: string; files: string; claim: string }): IPod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: metadata(names.files, names.job, 'files'),
    spec: {
      automountServiceAccountToken: false,
      securityContext: podSecurity(),
      // `sleep` ignores SIGTERM as process 1: do not wait 30 s for it on delete.
      terminationGracePeriodSeconds: 1,
      containers: [
        {
          name: 'files',
          // The same image: it has `tar`, which `kubectl cp` needs, and is already pulled.
          image: spec.image,
          command: ['sleep', 'infinity'],
          resources: resources('100m', '256Mi', false),
          volumeMounts: [{ name: 'runs', mountPath: RUNS_MOUNT }],
          securityContext: containerSecurity(),
        },
      ],
      volumes: [{ name: 'runs', persistentVolumeClaim: { claimName: names.claim } }],
    },
  };
}

function claim(name: string): IPersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: metadata(name, undefined, 'runs'),
    spec: {
      // Every shard pod writes to it at once, from any node.
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: DEFAULT_CLAIM_SIZE } },
    },
  };
}

function configMap(spec: K8sSpec, names: { job: string; config: string }): IConfigMap {
  const data: Record<string, string> = { [spec.configFile]: spec.configText };
  spec.modules.forEach((m, i) => (data[moduleKey(i)] = m.text));
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(names.config, names.job, 'config'), data };
}

/** Throws on input the command layer should have refused: these would make objects Kubernetes rejects. */
function checkSpec(spec: K8sSpec): void {
  const fail = (what: string): never => {
    throw new Error(`k8s manifests: ${what}`);
  };
  if (!Number.isInteger(spec.shards) || spec.shards < 1 || spec.shards > MAX_SHARDS) fail(`shards must be 1 to ${MAX_SHARDS}, got ${spec.shards}`);
  if (!Number.isInteger(spec.parallelism) || spec.parallelism < 1 || spec.parallelism > spec.shards) fail(`parallelism must be 1 to ${spec.shards}, got ${spec.parallelism}`);
  if (!Number.isInteger(spec.processes) || spec.processes < 1) fail(`processes must be a positive integer, got ${spec.processes}`);
  if (!/^[-._a-zA-Z0-9]+$/.test(spec.configFile)) fail(`the config file name "${spec.configFile}" is not a ConfigMap key`);
  if (spec.claim !== undefined && !isDnsSubdomain(spec.claim)) fail(`"${spec.claim}" is not a claim name`);
  for (const m of spec.modules) {
    if (m.path.startsWith('/') || m.path.split('/').some((part) => part === '..' || part === '.' || part === '')) fail(`module path "${m.path}" must be relative, inside the config's folder`);
  }
}

export function buildK8sManifests(spec: K8sSpec): K8sManifests {
  checkSpec(spec);
  const job = makeJobName(spec.configName, spec.now);
  const names = {
    job,
    config: `${job}${NAME_SUFFIXES.config}`,
    merge: `${job}${NAME_SUFFIXES.merge}`,
    files: `${job}${NAME_SUFFIXES.files}`,
    claim: spec.claim ?? DEFAULT_CLAIM,
  };
  for (const name of [names.job, names.config, names.merge, names.files]) if (!isDnsLabel(name)) throw new Error(`k8s manifests: "${name}" is not a valid name`);
  const runDir = `${RUNS_MOUNT}/${job}`;
  const mergedDir = `${runDir}/merged`;
  const files: ManifestFile[] = [
    ...(spec.claim === undefined ? [{ name: 'pvc.yaml', documents: [claim(names.claim)] }] : []),
    { name: 'files.yaml', documents: [filesPod(spec, names)] },
    { name: 'job.yaml', documents: [configMap(spec, names), shardJob(spec, names, runDir)] },
    { name: 'merge.yaml', documents: [mergeJob(spec, names, runDir, mergedDir)] },
  ];
  return {
    jobName: job,
    mergeJobName: names.merge,
    filesPodName: names.files,
    claimName: names.claim,
    createsClaim: spec.claim === undefined,
    runDir,
    mergedDir,
    files,
  };
}
