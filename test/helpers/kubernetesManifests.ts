/**
 * Offline checks of Kubernetes manifests, for the tests of `ssad k8s`:
 *   - parsing as Kubernetes does (YAML 1.1);
 *   - the Kubernetes OpenAPI schemas (types, enums, required fields, formats) as compiled by
 *     kubernetes-models for each kind, through its `validate()`;
 *   - the API server's own rules that those schemas do not carry and that these manifests rely
 *     on (name lengths, Indexed Job limits, pod failure policy rules, volumes that exist).
 * The OpenAPI schemas allow unknown fields; a misspelt field is caught by the type check instead,
 * since the generator's objects are typed with kubernetes-models' interfaces.
 */
import { Job, type IJob } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap, type IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { Pod, type IPod } from 'kubernetes-models/v1/Pod';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import { parseAllDocuments } from 'yaml';

interface Validating {
  validate(): void;
}

const MODELS: Record<string, (doc: object) => Validating> = {
  'batch/v1 Job': (doc) => new Job(doc as IJob),
  'v1 ConfigMap': (doc) => new ConfigMap(doc as IConfigMap),
  'v1 PersistentVolumeClaim': (doc) => new PersistentVolumeClaim(doc as never),
  'v1 Pod': (doc) => new Pod(doc as IPod),
};

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const CONFIGMAP_KEY = /^[-._a-zA-Z0-9]+$/;
const MAX_INDEXED_COMPLETIONS = 100_000;

/** The documents of a manifest file, read as YAML 1.1 (the flavour of Kubernetes' parser). */
export function parseManifests(text: string): Array<Record<string, unknown>> {
  return parseAllDocuments(text, { version: '1.1', uniqueKeys: true }).map((doc, i) => {
    if (doc.errors.length > 0) throw new Error(`document ${i}: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value = doc.toJS() as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`document ${i} is not a mapping`);
    return value as Record<string, unknown>;
  });
}

/** What the Kubernetes schema of the document's kind says is wrong with it (empty: valid). */
export function schemaErrors(doc: Record<string, unknown>): string[] {
  const make = MODELS[`${String(doc.apiVersion)} ${String(doc.kind)}`];
  if (!make) return [`no schema here for apiVersion ${String(doc.apiVersion)}, kind ${String(doc.kind)}`];
  try {
    make(doc).validate();
    return [];
  } catch (error) {
    return [`${String(doc.kind)}: ${(error as Error).message}`];
  }
}

function podSpecErrors(where: string, spec: IPodSpec | undefined, configMaps: Map<string, Record<string, string>>): string[] {
  if (!spec) return [`${where}: no pod spec`];
  const errors: string[] = [];
  const volumes = new Map((spec.volumes ?? []).map((v) => [v.name, v]));
  for (const c of spec.containers) {
    for (const m of c.volumeMounts ?? []) if (!volumes.has(m.name)) errors.push(`${where}: container ${c.name} mounts the undefined volume ${m.name}`);
    for (const [resource, request] of Object.entries(c.resources?.requests ?? {})) {
      if (resource.includes('/') && c.resources?.limits?.[resource] !== undefined && String(c.resources.limits[resource]) !== String(request)) {
        errors.push(`${where}: the extended resource ${resource} must have equal request and limit`);
      }
    }
  }
  for (const v of volumes.values()) {
    const cm = v.configMap;
    if (!cm) continue;
    const data = configMaps.get(cm.name ?? '');
    for (const item of cm.items ?? []) {
      if (data && !(item.key in data)) errors.push(`${where}: volume ${v.name} projects the key ${item.key}, which ConfigMap ${cm.name} lacks`);
      if (item.path.startsWith('/') || item.path.split('/').includes('..')) errors.push(`${where}: volume ${v.name} item path ${item.path} must be relative without ..`);
    }
  }
  return errors;
}

function jobErrors(job: IJob, configMaps: Map<string, Record<string, string>>): string[] {
  const name = job.metadata?.name ?? '';
  const spec = job.spec;
  if (!spec) return [`Job ${name}: no spec`];
  const errors: string[] = [];
  // The job-name label of its pods is the Job's name: a label value, at most 63 characters.
  if (!(name.length <= 63 && DNS_LABEL.test(name))) errors.push(`Job ${name}: the name must be an RFC 1123 label of at most 63 characters`);
  const podSpec = spec.template.spec;
  if (podSpec?.restartPolicy !== 'Never' && podSpec?.restartPolicy !== 'OnFailure') errors.push(`Job ${name}: restartPolicy must be Never or OnFailure`);
  if (spec.completionMode === 'Indexed') {
    if (spec.completions === undefined || spec.completions < 1 || spec.completions > MAX_INDEXED_COMPLETIONS) errors.push(`Job ${name}: an Indexed Job needs completions from 1 to ${MAX_INDEXED_COMPLETIONS}`);
    if ((spec.parallelism ?? 1) > MAX_INDEXED_COMPLETIONS) errors.push(`Job ${name}: an Indexed Job's parallelism is at most ${MAX_INDEXED_COMPLETIONS}`);
    // Pods are host-named <job>-<index>.
    if (spec.completions !== undefined && `${name}-${spec.completions - 1}`.length > 63) errors.push(`Job ${name}: the host name ${name}-${spec.completions - 1} is longer than 63`);
  }
  if (spec.backoffLimitPerIndex !== undefined && spec.completionMode !== 'Indexed') errors.push(`Job ${name}: backoffLimitPerIndex needs completionMode Indexed`);
  if (spec.podFailurePolicy) {
    if (podSpec?.restartPolicy !== 'Never') errors.push(`Job ${name}: a podFailurePolicy needs restartPolicy Never`);
    const containers = new Set((podSpec?.containers ?? []).map((c) => c.name));
    for (const rule of spec.podFailurePolicy.rules) {
      if (rule.action === 'FailIndex' && spec.backoffLimitPerIndex === undefined) errors.push(`Job ${name}: action FailIndex needs backoffLimitPerIndex`);
      const codes = rule.onExitCodes;
      if (codes) {
        if (codes.containerName !== undefined && !containers.has(codes.containerName)) errors.push(`Job ${name}: onExitCodes names the unknown container ${codes.containerName}`);
        const v = codes.values;
        if (v.some((x, i) => i > 0 && x <= v[i - 1])) errors.push(`Job ${name}: onExitCodes values must be ordered and unique`);
        if (codes.operator === 'In' && v.includes(0)) errors.push(`Job ${name}: onExitCodes In may not hold 0`);
      }
      if (!codes === !rule.onPodConditions) errors.push(`Job ${name}: a rule needs exactly one of onExitCodes and onPodConditions`);
    }
  }
  return [...errors, ...podSpecErrors(`Job ${name}`, podSpec, configMaps)];
}

/** The API server's rules beyond the schemas, over the documents that are applied together. */
export function apiRuleErrors(docs: Array<Record<string, unknown>>): string[] {
  const errors: string[] = [];
  const configMaps = new Map<string, Record<string, string>>();
  for (const doc of docs) {
    const meta = (doc.metadata ?? {}) as { name?: string; labels?: Record<string, string> };
    const name = meta.name ?? '';
    if (!(name.length <= 253 && DNS_SUBDOMAIN.test(name))) errors.push(`${String(doc.kind)} ${name}: the name must be an RFC 1123 subdomain`);
    for (const [key, value] of Object.entries(meta.labels ?? {})) {
      if (!(value.length <= 63 && LABEL_VALUE.test(value))) errors.push(`${String(doc.kind)} ${name}: the label ${key} has an invalid value "${value}"`);
    }
    if (doc.kind === 'ConfigMap') {
      const data = ((doc as unknown as IConfigMap).data ?? {}) as Record<string, string>;
      for (const key of Object.keys(data)) if (!CONFIGMAP_KEY.test(key)) errors.push(`ConfigMap ${name}: the key "${key}" is invalid`);
      configMaps.set(name, data);
    }
  }
  for (const doc of docs) {
    if (doc.kind === 'Job') errors.push(...jobErrors(doc as unknown as IJob, configMaps));
    if (doc.kind === 'Pod') errors.push(...podSpecErrors(`Pod ${String((doc as unknown as IPod).metadata?.name)}`, (doc as unknown as IPod).spec, configMaps));
  }
  return errors;
}

/** Every problem of a manifest file's text: YAML, then the schemas, then the API rules. */
export function manifestErrors(text: string): string[] {
  let docs: Array<Record<string, unknown>>;
  try {
    docs = parseManifests(text);
  } catch (error) {
    return [`YAML: ${(error as Error).message}`];
  }
  // The API server decodes against the schema first; its other rules assume a well-formed object.
  const schema = docs.flatMap(schemaErrors);
  return schema.length > 0 ? schema : apiRuleErrors(docs);
}
