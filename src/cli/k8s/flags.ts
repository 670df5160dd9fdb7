/**
 * The flags of `ssad k8s`, checked and turned into settings; every refusal names its flag and
 * what was wrong, before anything is written.
 */
import * as path from 'node:path';
import { isDnsSubdomain } from './names';
import { MAX_SHARDS, RUNS_MOUNT } from './manifests';

export interface K8sFlags {
  shards?: string;
  image?: string;
  gpu?: boolean;
  parallelism?: string;
  cpus?: string;
  memory?: string;
  pvc?: string;
  out?: string;
  data?: string;
}

export interface K8sSettings {
  shards: number;
  /** Shard pods at once (≤ shards). */
  parallelism: number;
  image: string;
  gpu: boolean;
  /** CPU request and limit of a shard pod, as a Kubernetes quantity (`2`, `0.5`, `500m`). */
  cpus: string;
  /** Training processes per shard pod (`ssad run --parallel`): one per whole CPU, at least one. */
  processes: number;
  /** Memory request and limit of a shard pod and of the merge pod (`4Gi`). */
  memory: string;
  /** An existing claim to use; absent: DEFAULT_CLAIM, made by pvc.yaml. */
  claim?: string;
  out?: string;
  /** The data set's folder on the claim (absolute, under /runs). */
  data?: string;
}

export const DEFAULT_CPUS = '2';
export const DEFAULT_MEMORY = '4Gi';

export type K8sSettingsResult = { ok: true; settings: K8sSettings } | { ok: false; error: string };

const WHOLE = /^\d+$/;
const CPUS = /^(\d+(\.\d+)?|\.\d+)$/;
const MILLI_CPUS = /^(\d+)m$/;
/** A Kubernetes memory quantity with a unit: a bare number would be bytes, never what is meant. */
const MEMORY = /^(\d+(\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)$/;

/** How many CPUs a quantity is, or undefined when it is not one. */
function cpuCount(text: string): number | undefined {
  if (CPUS.test(text)) return Number(text);
  const milli = MILLI_CPUS.exec(text);
  return milli ? Number(milli[1]) / 1000 : undefined;
}

function wholeNumber(text: string | undefined, flag: string, min: number, max: number): number | string {
  if (text === undefined || !WHOLE.test(text)) return `${flag} must be a whole number from ${min} to ${max}, got ${text === undefined ? 'nothing' : `"${text}"`}`;
  const n = Number(text);
  return n < min || n > max ? `${flag} must be a whole number from ${min} to ${max}, got ${n}` : n;
}

export function parseK8sFlags(flags: K8sFlags): K8sSettingsResult {
  const fail = (error: string): K8sSettingsResult => ({ ok: false, error });
  if (flags.shards === undefined) return fail('--shards N is required: how many pods split the grid');
  const shards = wholeNumber(flags.shards, '--shards', 1, MAX_SHARDS);
  if (typeof shards === 'string') return fail(shards);
  const parallelism = flags.parallelism === undefined ? shards : wholeNumber(flags.parallelism, '--parallelism', 1, shards);
  if (typeof parallelism === 'string') return fail(`${parallelism} (at most --shards)`);
  if (flags.image === undefined || flags.image.trim() === '') return fail('--image IMAGE is required: the ssad image the pods run (see docker/Dockerfile), e.g. registry.example.com/ssad:0.1.0');
  if (/\s/.test(flags.image)) return fail(`--image must be an image reference without spaces, got "${flags.image}"`);
  const cpus = flags.cpus ?? DEFAULT_CPUS;
  const count = cpuCount(cpus);
  if (count === undefined || count <= 0) return fail(`--cpus must be a positive number of CPUs such as 2, 0.5 or 500m, got "${cpus}"`);
  const memory = flags.memory ?? DEFAULT_MEMORY;
  const mem = MEMORY.exec(memory);
  if (!mem || Number(mem[1]) <= 0) return fail(`--memory must be an amount with a unit such as 4Gi or 512Mi, got "${memory}"`);
  if (flags.pvc !== undefined && !isDnsSubdomain(flags.pvc)) {
    return fail(`--pvc must name an existing PersistentVolumeClaim (lower-case letters, digits, "-" and ".", starting and ending with a letter or digit), got "${flags.pvc}"`);
  }
  if (flags.out !== undefined && flags.out.trim() === '') return fail('--out needs a folder');
  if (flags.data !== undefined) {
    const normal = path.posix.normalize(flags.data);
    if (!normal.startsWith(`${RUNS_MOUNT}/`) || normal === `${RUNS_MOUNT}/` || flags.data.includes('\\')) {
      return fail(`--data must be the data set's folder on the claim, an absolute path under ${RUNS_MOUNT} (e.g. ${RUNS_MOUNT}/data/bottle), got "${flags.data}"`);
    }
  }
  return {
    ok: true,
    settings: {
      shards,
      parallelism,
      image: flags.image,
      gpu: flags.gpu ?? false,
      cpus,
      processes: Math.max(1, Math.floor(count)),
      memory,
      claim: flags.pvc,
      out: flags.out,
      data: flags.data === undefined ? undefined : path.posix.normalize(flags.data).replace(/\/+$/, ''),
    },
  };
}
