/**
 * The kubectl commands that carry a submission of `ssad k8s` through: printed, and saved beside
 * the manifests. Kubernetes has no dependency between Jobs, so the order lives here: the merge
 * Job is applied only once `kubectl wait` has seen the Indexed Job complete.
 */
import { posix } from 'node:path';
import { shellQuote } from '../shellQuote';
import { DEFAULT_CLAIM_SIZE, type K8sManifests } from './manifests';

export interface StepsInput {
  manifests: K8sManifests;
  /** The folder of the manifests, as the user would type it. */
  outDir: string;
  shards: number;
  parallelism: number;
  /** A folder data set: where it is here and where the pods read it on the claim. */
  data?: { local: string; onClaim: string };
  /** Where to copy the merged run (a runs folder the VS Code extension and the CLI list). */
  localRunDir: string;
}

/** The steps as lines: comments (`# …`) and commands, in order. */
export function kubectlSteps(input: StepsInput): string[] {
  const { manifests: m, shards, parallelism } = input;
  const file = (name: string): string => shellQuote(posix.join(input.outDir.split('\\').join('/'), name));
  const pod = m.filesPodName;
  const lines: string[] = [];
  if (m.createsClaim) {
    lines.push(
      `# The claim ${m.claimName} for run folders (once; later submissions reuse it). ReadWriteMany, ${DEFAULT_CLAIM_SIZE}:`,
      '# edit pvc.yaml for another size or a storageClassName that offers ReadWriteMany (NFS, CephFS, a cloud file share).',
      `kubectl apply -f ${file('pvc.yaml')}`,
    );
  }
  lines.push(
    `# A pod that mounts the claim at /runs, for kubectl cp.`,
    `kubectl apply -f ${file('files.yaml')}`,
    `kubectl wait --for=condition=Ready pod/${pod} --timeout=10m`,
  );
  if (input.data) {
    lines.push(
      '# The data set onto the claim, where --data said the pods find it.',
      `kubectl exec ${pod} -- mkdir -p ${shellQuote(posix.dirname(input.data.onClaim))}`,
      `kubectl cp ${shellQuote(input.data.local)} ${shellQuote(`${pod}:${input.data.onClaim}`)}`,
    );
  }
  lines.push(
    `# The ${shards} shard${shards === 1 ? '' : 's'}, ${parallelism} at once; wait until all completed.`,
    `kubectl apply -f ${file('job.yaml')}`,
    `kubectl wait --for=condition=complete job/${m.jobName} --timeout=24h`,
    `# A shard that fails makes the Job fail and this wait time out: see kubectl get pods -l app.kubernetes.io/instance=${m.jobName}`,
    '# and kubectl logs; merging anyway gives a failed run with the cells that completed.',
    '# Merge the shards into one run.',
    `kubectl apply -f ${file('merge.yaml')}`,
    `kubectl wait --for=condition=complete job/${m.mergeJobName} --timeout=1h`,
    `kubectl logs job/${m.mergeJobName}`,
    '# Copy the merged run here; open it in VS Code with SSAD: Open Results (or the SSAD Lab runs view).',
    `kubectl cp ${shellQuote(`${pod}:${m.mergedDir}`)} ${shellQuote(input.localRunDir)}`,
    `# Clean up (the claim and the run folders on it stay).`,
    `kubectl delete -f ${file('merge.yaml')} -f ${file('job.yaml')} -f ${file('files.yaml')}`,
  );
  return lines;
}
