/**
 * `ssad k8s CONFIG --shards N --image IMAGE [--gpu] [--parallelism P] [--cpus C] [--memory M]
 *   [--pvc NAME] [--data DIR] [--out DIR]`: checks the config as `ssad validate` does, then writes
 * the manifests of a sharded run on Kubernetes (./k8s/manifests) and prints the kubectl steps.
 * It talks to no cluster: what it writes is applied by the user, with their kubectl and context.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { customModuleRefs } from '../engine/augment';
import { checkModules } from './checkModules';
import { readConfigFile } from './configFile';
import { EXIT } from './exitCodes';
import { CONFIGMAP_MAX_BYTES, configMapKey, moduleMountPath } from './k8s/configMapFiles';
import { parseK8sFlags, type K8sFlags } from './k8s/flags';
import { buildK8sManifests, type ConfigModule } from './k8s/manifests';
import { kubectlSteps } from './k8s/steps';
import { toYamlDocuments } from './k8s/yaml';

function refuse(message: string): number {
  process.stderr.write(`ssad: ${message}\n`);
  return EXIT.usage;
}

/** A path as the user would type it from here: relative below the current folder, else absolute. */
function shown(target: string): string {
  const rel = relative(process.cwd(), target);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? target : rel;
}

export function k8sCommand(file: string, flags: K8sFlags): number {
  const parsed = parseK8sFlags(flags);
  if (!parsed.ok) return refuse(parsed.error);
  const settings = parsed.settings;

  const loaded = readConfigFile(file);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.report}\n`);
    return EXIT.usage;
  }
  if (loaded.report) process.stderr.write(`${loaded.report}\n`);
  const { config, baseDir } = loaded;
  const problems = checkModules(config, baseDir, process.argv[1], config.runtime.augmentationTimeoutSeconds ?? 120);
  if (problems.length > 0) {
    process.stderr.write(`${file}: invalid — ${problems.length} custom module problem(s):\n${problems.map((p) => `  ${p.message}`).join('\n')}\n`);
    return EXIT.usage;
  }

  // A folder data set is read by the pods from the claim: the config is checked against the copy
  // here, and the ConfigMap's copy of the config points at the one on the claim.
  const dataset = config.dataset;
  if (dataset.source === 'folder' && settings.data === undefined) {
    return refuse(
      `dataset.path "${dataset.path}" is a folder on this machine, and the pods read data from the claim mounted at /runs: ` +
        `give the folder's place there with --data (e.g. --data /runs/data/${basename(resolve(baseDir, dataset.path)) || 'dataset'}); the printed steps copy it there`,
    );
  }
  if (dataset.source !== 'folder' && settings.data !== undefined) {
    return refuse(`--data is for a config whose dataset.source is "folder"; this one's is "${dataset.source}", which needs no files`);
  }

  const modules: ConfigModule[] = [];
  for (const { field, ref } of customModuleRefs(config)) {
    const written = typeof ref === 'string' ? ref : ref.name;
    const mount = moduleMountPath(written);
    if (!mount.ok) return refuse(`${field}: "${written}": ${mount.why}`);
    if (modules.some((m) => m.path === mount.path)) continue;
    modules.push({ path: mount.path, text: readFileSync(resolve(baseDir, written), 'utf8') });
  }

  const configPath = resolve(file);
  let configText = readFileSync(configPath, 'utf8');
  if (settings.data !== undefined) {
    const raw = JSON.parse(configText.replace(/^\uFEFF/, '')) as { dataset: { path: string } };
    raw.dataset.path = settings.data;
    configText = `${JSON.stringify(raw, null, 2)}\n`;
  }
  const configFile = configMapKey(configPath);
  const bytes = Buffer.byteLength(configText) + modules.reduce((sum, m) => sum + Buffer.byteLength(m.text), 0);
  if (bytes > CONFIGMAP_MAX_BYTES) {
    return refuse(`the config and its custom modules take ${bytes.toLocaleString('en-US')} bytes; a ConfigMap holds at most ${CONFIGMAP_MAX_BYTES.toLocaleString('en-US')}`);
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
    now: new Date(),
  });

  const outDir = resolve(settings.out ?? join(baseDir, '.ssad', 'k8s', manifests.jobName));
  if (existsSync(outDir) && readdirSync(outDir).length > 0) return refuse(`--out: the folder ${outDir} is not empty; give a new or empty folder`);
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
  writeFileSync(join(outDir, 'steps.txt'), `${steps.join('\n')}\n`);

  process.stdout.write(
    `Wrote ${manifests.files.map((f) => f.name).join(', ')} and steps.txt to ${shown(outDir)}: job ${manifests.jobName}, ` +
      `${settings.shards} shard(s) of ${basename(configPath)}, ${settings.parallelism} at once, ` +
      `${settings.cpus} CPU / ${settings.memory}${settings.gpu ? ' / 1 GPU' : ''} each, runs on claim ${manifests.claimName} under ${manifests.runDir}.\n` +
      `Next, with kubectl for your cluster:\n${steps.map((line) => `  ${line}`).join('\n')}\n`,
  );
  return EXIT.ok;
}
