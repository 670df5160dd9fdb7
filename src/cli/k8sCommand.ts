/**
 * `ssad k8s CONFIG --shards N --image IMAGE [--gpu] [--parallelism P] [--cpus C] [--memory M]
 *   [--pvc NAME] [--data DIR] [--out DIR]`: checks the config as `ssad validate` does, then writes
 * the manifests of a sharded run on Kubernetes (./k8sJob) and prints the kubectl steps.
 * It talks to no cluster: what it writes is applied by the user, with their kubectl and context.
 */
import { checkModules } from './checkModules';
import { readConfigFile } from './configFile';
import { EXIT } from './exitCodes';
import { parseK8sFlags, type K8sFlags } from './k8s/flags';
import { shownPath, writeK8sJob } from './k8sJob';

function refuse(message: string): number {
  process.stderr.write(`ssad: ${message}\n`);
  return EXIT.usage;
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
  const problems = checkModules(config, baseDir, process.argv[1]);
  if (problems.length > 0) {
    process.stderr.write(`${file}: invalid — ${problems.length} custom module problem(s):\n${problems.map((p) => `  ${p.message}`).join('\n')}\n`);
    return EXIT.usage;
  }

  const written = writeK8sJob({ configFile: file, config, baseDir, settings, now: new Date(), shownFrom: process.cwd() });
  if (!written.ok) return refuse(written.error);
  const { outDir, manifests, steps, configName } = written.job;
  process.stdout.write(
    `Wrote ${manifests.files.map((f) => f.name).join(', ')} and steps.txt to ${shownPath(outDir, process.cwd())}: job ${manifests.jobName}, ` +
      `${settings.shards} shard(s) of ${configName}, ${settings.parallelism} at once, ` +
      `${settings.cpus} CPU / ${settings.memory}${settings.gpu ? ' / 1 GPU' : ''} each, runs on claim ${manifests.claimName} under ${manifests.runDir}.\n` +
      `Next, with kubectl for your cluster:\n${steps.map((line) => `  ${line}`).join('\n')}\n`,
  );
  return EXIT.ok;
}
