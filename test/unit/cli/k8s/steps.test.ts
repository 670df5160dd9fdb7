import { strict as assert } from 'node:assert';
import { buildK8sManifests, type K8sSpec } from '../../../../src/cli/k8s/manifests';
import { kubectlSteps } from '../../../../src/cli/k8s/steps';

const SPEC: K8sSpec = {
  configName: 'bottle',
  configFile: 'bottle.ssad.json',
  configText: '{}\n',
  modules: [],
  shards: 4,
  parallelism: 2,
  image: 'img:1',
  gpu: false,
  cpus: '2',
  processes: 2,
  memory: '4Gi',
  now: new Date('2025-03-04T05:06:07Z'),
};

describe('ssad k8s steps', () => {
  it('applies the claim, the files pod, the data, the shards, waits, merges and copies back, in that order', () => {
    const manifests = buildK8sManifests(SPEC);
    const commands = kubectlSteps({
      manifests,
      outDir: 'my exp/.ssad/k8s/bottle-20250304-050607',
      shards: 4,
      parallelism: 2,
      data: { local: 'data/my bottle', onClaim: '/runs/data/bottle' },
      localRunDir: 'my exp/.ssad/runs/bottle-20250304-050607',
    }).filter((l) => !l.startsWith('#'));
    const dir = "'my exp/.ssad/k8s/bottle-20250304-050607";
    assert.deepEqual(commands, [
      `kubectl apply -f ${dir}/pvc.yaml'`,
      `kubectl apply -f ${dir}/files.yaml'`,
      'kubectl wait --for=condition=Ready pod/bottle-20250304-050607-files --timeout=10m',
      'kubectl exec bottle-20250304-050607-files -- mkdir -p /runs/data',
      "kubectl cp 'data/my bottle' bottle-20250304-050607-files:/runs/data/bottle",
      `kubectl apply -f ${dir}/job.yaml'`,
      'kubectl wait --for=condition=complete job/bottle-20250304-050607 --timeout=24h',
      `kubectl apply -f ${dir}/merge.yaml'`,
      'kubectl wait --for=condition=complete job/bottle-20250304-050607-merge --timeout=1h',
      'kubectl logs job/bottle-20250304-050607-merge',
      "kubectl cp bottle-20250304-050607-files:/runs/bottle-20250304-050607/merged 'my exp/.ssad/runs/bottle-20250304-050607'",
      `kubectl delete -f ${dir}/merge.yaml' -f ${dir}/job.yaml' -f ${dir}/files.yaml'`,
    ]);
  });

  it('leaves out the claim with --pvc and the data step without a folder data set', () => {
    const lines = kubectlSteps({ manifests: buildK8sManifests({ ...SPEC, claim: 'team-runs' }), outDir: 'k', shards: 4, parallelism: 2, localRunDir: 'r' });
    assert.ok(!lines.some((l) => l.includes('pvc.yaml')));
    assert.ok(!lines.some((l) => l.startsWith('kubectl exec') || l.startsWith('kubectl cp k8s')));
    assert.ok(lines.includes('# The 4 shards, 2 at once; wait until all completed.'));
  });
});
