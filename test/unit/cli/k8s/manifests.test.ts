/**
 * The manifests of `ssad k8s`: their structure for each flag, and every written file validated
 * offline against the Kubernetes schemas and the API server rules they rely on
 * (test/helpers/kubernetesManifests.ts) — with broken manifests that must fail the same checks.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { IPod } from 'kubernetes-models/v1/Pod';
import { buildK8sManifests, type K8sManifests, type K8sSpec } from '../../../../src/cli/k8s/manifests';
import { toYamlDocuments } from '../../../../src/cli/k8s/yaml';
import { manifestErrors, parseManifests, schemaErrors } from '../../../helpers/kubernetesManifests';

const NOW = new Date('2025-03-04T05:06:07Z');

function spec(overrides: Partial<K8sSpec> = {}): K8sSpec {
  return {
    configName: 'Quickstart',
    configFile: 'quickstart.ssad.json',
    configText: '{\n  "name": "Quickstart"\n}\n',
    modules: [],
    shards: 8,
    parallelism: 8,
    image: 'ghcr.io/org/ssad:0.1.0',
    gpu: false,
    cpus: '2',
    processes: 2,
    memory: '4Gi',
    now: NOW,
    ...overrides,
  };
}

function file(m: K8sManifests, name: string): object[] {
  const f = m.files.find((x) => x.name === name);
  assert.ok(f, `${name} is missing`);
  return f.documents;
}

function shardJob(m: K8sManifests): IJob {
  return file(m, 'job.yaml')[1] as IJob;
}

function script(job: IJob): string {
  const command = job.spec?.template.spec?.containers[0].command ?? [];
  assert.deepEqual(command.slice(0, 2), ['sh', '-c']);
  return command[2];
}

describe('ssad k8s manifests', () => {
  it('names every object after the config name and the time, as valid Kubernetes names', () => {
    const m = buildK8sManifests(spec());
    assert.equal(m.jobName, 'quickstart-20250304-050607');
    assert.equal(m.mergeJobName, 'quickstart-20250304-050607-merge');
    assert.equal(m.filesPodName, 'quickstart-20250304-050607-files');
    assert.equal(m.claimName, 'ssad-runs');
    assert.equal(m.runDir, '/runs/quickstart-20250304-050607');
    assert.equal(m.mergedDir, '/runs/quickstart-20250304-050607/merged');
    assert.deepEqual(
      m.files.map((f) => f.name),
      ['pvc.yaml', 'files.yaml', 'job.yaml', 'merge.yaml'],
    );
    assert.equal((file(m, 'job.yaml')[0] as IConfigMap).metadata?.name, 'quickstart-20250304-050607-config');
  });

  it('runs shard $JOB_COMPLETION_INDEX of N in an Indexed Job, with the config from the ConfigMap and the runs on the claim', () => {
    const m = buildK8sManifests(spec());
    const job = shardJob(m);
    assert.equal(job.spec?.completionMode, 'Indexed');
    assert.equal(job.spec?.completions, 8);
    assert.equal(job.spec?.parallelism, 8);
    assert.equal(job.spec?.backoffLimitPerIndex, 1);
    const pod = job.spec?.template.spec;
    assert.equal(pod?.restartPolicy, 'Never');
    assert.equal(pod?.securityContext?.runAsNonRoot, true);
    assert.equal(pod?.securityContext?.runAsUser, 1000);
    const c = pod?.containers[0];
    assert.equal(c?.image, 'ghcr.io/org/ssad:0.1.0');
    assert.deepEqual(c?.resources, { requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '2', memory: '4Gi' } });
    assert.equal(c?.env, undefined);
    const sh = script(job);
    assert.match(sh, /exec ssad run \/config\/quickstart\.ssad\.json --shard "\$JOB_COMPLETION_INDEX\/8" --out "\$out" --parallel 2\n/);
    assert.match(sh, /^out=\/runs\/quickstart-20250304-050607\/shards\/"\$JOB_COMPLETION_INDEX"$/m);
    assert.doesNotMatch(sh, /\$\(/, 'Kubernetes would expand $(…) itself');
    assert.deepEqual(c?.volumeMounts, [
      { name: 'config', mountPath: '/config', readOnly: true },
      { name: 'runs', mountPath: '/runs' },
    ]);
    assert.deepEqual(pod?.volumes?.[1], { name: 'runs', persistentVolumeClaim: { claimName: 'ssad-runs' } });
    const rules = job.spec?.podFailurePolicy?.rules ?? [];
    assert.deepEqual(
      rules.map((r) => [r.action, r.onExitCodes?.values ?? r.onPodConditions?.[0].type]),
      [
        ['FailJob', [2]],
        ['FailIndex', [1]],
        ['Ignore', 'DisruptionTarget'],
      ],
    );
  });

  it('merges /runs/<job>/shards/*/* into /runs/<job>/merged in a second Job', () => {
    const m = buildK8sManifests(spec());
    const merge = file(m, 'merge.yaml')[0] as IJob;
    assert.equal(merge.metadata?.name, m.mergeJobName);
    assert.equal(merge.spec?.completionMode, undefined);
    assert.match(script(merge), /exec ssad merge \/runs\/quickstart-20250304-050607\/merged \/runs\/quickstart-20250304-050607\/shards\/\*\/\*\n/);
    assert.deepEqual(merge.spec?.podFailurePolicy?.rules[0].onExitCodes?.values, [1, 2]);
  });

  it('puts the config and its custom modules in the ConfigMap, at their paths relative to the config', () => {
    const modules = [
      { path: 'ssad/augmentations/soft-scar.ts', text: 'export default {};\n' },
      { path: 'anomalies/ink.ts', text: 'export default { name: "ink" };\n' },
    ];
    const m = buildK8sManifests(spec({ modules }));
    const cm = file(m, 'job.yaml')[0] as IConfigMap;
    assert.deepEqual(cm.data, {
      'quickstart.ssad.json': '{\n  "name": "Quickstart"\n}\n',
      'module-0': 'export default {};\n',
      'module-1': 'export default { name: "ink" };\n',
    });
    assert.deepEqual(shardJob(m).spec?.template.spec?.volumes?.[0].configMap?.items, [
      { key: 'quickstart.ssad.json', path: 'quickstart.ssad.json' },
      { key: 'module-0', path: 'ssad/augmentations/soft-scar.ts' },
      { key: 'module-1', path: 'anomalies/ink.ts' },
    ]);
  });

  it('asks for a GPU, native TensorFlow and growing GPU memory with --gpu', () => {
    const job = shardJob(buildK8sManifests(spec({ gpu: true, cpus: '500m', processes: 1, memory: '16Gi' })));
    const c = job.spec?.template.spec?.containers[0];
    assert.deepEqual(c?.resources, { requests: { cpu: '500m', memory: '16Gi' }, limits: { cpu: '500m', memory: '16Gi', 'nvidia.com/gpu': '1' } });
    assert.deepEqual(c?.env, [{ name: 'TF_FORCE_GPU_ALLOW_GROWTH', value: 'true' }]);
    assert.match(script(job), /--parallel 1 --backend node\n/);
  });

  it('uses an existing claim with --pvc and then writes no pvc.yaml', () => {
    const m = buildK8sManifests(spec({ claim: 'team-runs', parallelism: 3 }));
    assert.equal(m.createsClaim, false);
    assert.deepEqual(
      m.files.map((f) => f.name),
      ['files.yaml', 'job.yaml', 'merge.yaml'],
    );
    assert.equal(shardJob(m).spec?.parallelism, 3);
    for (const f of m.files) {
      for (const doc of f.documents) {
        const volumes = (doc as IJob).spec?.template?.spec?.volumes ?? (doc as IPod).spec?.volumes ?? [];
        for (const v of volumes) if (v.persistentVolumeClaim) assert.equal(v.persistentVolumeClaim.claimName, 'team-runs');
      }
    }
  });

  it('refuses input that would make objects Kubernetes rejects', () => {
    assert.throws(() => buildK8sManifests(spec({ shards: 0 })), /shards must be 1 to 100000/);
    assert.throws(() => buildK8sManifests(spec({ shards: 100_001, parallelism: 1 })), /shards must be 1 to 100000/);
    assert.throws(() => buildK8sManifests(spec({ parallelism: 9 })), /parallelism must be 1 to 8/);
    assert.throws(() => buildK8sManifests(spec({ configFile: 'my config.json' })), /not a ConfigMap key/);
    assert.throws(() => buildK8sManifests(spec({ claim: 'Runs' })), /not a claim name/);
    assert.throws(() => buildK8sManifests(spec({ modules: [{ path: '../x.ts', text: '' }] })), /inside the config's folder/);
  });

  describe('validated against the Kubernetes schemas (offline)', () => {
    const cases: Array<[string, Partial<K8sSpec>]> = [
      ['the defaults', {}],
      ['--gpu, --pvc, custom modules, fractional CPUs', { gpu: true, claim: 'runs.team-a', cpus: '0.5', processes: 1, memory: '1536Mi', modules: [{ path: 'ssad/augmentations/x.ts', text: 'export default {\n\tname: "x", // tab\n};\n' }] }],
      ['a long non-ASCII name and the most shards', { configName: `Études — ${'très '.repeat(20)}longues`, shards: 100_000, parallelism: 100 }],
      ['a name of nothing Kubernetes allows, one shard', { configName: 'ねこ', shards: 1, parallelism: 1 }],
    ];
    for (const [what, overrides] of cases) {
      it(`every document of every file is valid: ${what}`, () => {
        const m = buildK8sManifests(spec(overrides));
        for (const f of m.files) {
          const text = toYamlDocuments(f.documents);
          assert.deepEqual(manifestErrors(text), [], `${f.name}:\n${text}`);
          // What kubectl reads is what the generator made.
          assert.deepEqual(parseManifests(text), JSON.parse(JSON.stringify(f.documents)), f.name);
        }
      });
    }

    it('fails broken manifests: schema types and enums, API rules, YAML', () => {
      const m = buildK8sManifests(spec());
      const jobFile = file(m, 'job.yaml');
      const broken = (edit: (job: IJob, cm: IConfigMap) => void): string[] => {
        const [cm, job] = JSON.parse(JSON.stringify(jobFile)) as [IConfigMap, IJob];
        edit(job, cm);
        return manifestErrors(toYamlDocuments([cm, job]));
      };
      const expectFailure = (errors: string[], pattern: RegExp): void => {
        assert.ok(errors.length > 0, 'a broken manifest passed');
        assert.match(errors.join('\n'), pattern);
      };
      expectFailure(broken((job) => Object.assign(job.spec!, { completionMode: 'Indexd' })), /completionMode must be equal to one of the allowed values/);
      expectFailure(broken((job) => Object.assign(job.spec!, { completions: 'eight' })), /completions must be integer/);
      expectFailure(broken((job) => Object.assign(job.spec!.template.spec!.containers[0].resources!.limits!, { memory: { gi: 4 } })), /limits\/memory must/);
      expectFailure(broken((job) => delete (job.spec!.template.spec!.containers[0] as { name?: string }).name), /containers\/0 must have required property name/);
      expectFailure(broken((job) => delete (job.spec as { template?: unknown }).template), /must have required property template/);
      expectFailure(broken((_, cm) => Object.assign(cm.data!, { n: 3 })), /data\/n must be string/);
      expectFailure(broken((job) => delete job.spec!.backoffLimitPerIndex), /FailIndex needs backoffLimitPerIndex/);
      expectFailure(broken((job) => (job.spec!.template.spec!.restartPolicy = 'Always')), /restartPolicy must be Never or OnFailure/);
      expectFailure(broken((job) => (job.spec!.completions = 100_001)), /completions from 1 to 100000/);
      expectFailure(broken((job) => (job.metadata!.name = 'x'.repeat(64))), /at most 63 characters/);
      expectFailure(broken((job) => (job.spec!.template.spec!.containers[0].volumeMounts![0].name = 'cfg')), /undefined volume cfg/);
      expectFailure(broken((job) => (job.spec!.podFailurePolicy!.rules[0].onExitCodes!.values = [2, 1])), /ordered and unique/);
      expectFailure(broken((_, cm) => delete cm.data!['quickstart.ssad.json']), /lacks/);
      expectFailure(manifestErrors('kind: Job\napiVersion: batch/v1\n spec: {}\n'), /^YAML:/);
      expectFailure(manifestErrors('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n'), /no schema here/);
    });

    it('catches a misspelt field at type-check time (the OpenAPI schemas allow unknown fields)', () => {
      const job: IJob = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        // @ts-expect-error completionsMode is not a JobSpec field: npm run typecheck fails if this stops being an error.
        spec: { completionsMode: 'Indexed', template: {} },
      };
      assert.deepEqual(schemaErrors(parseManifests(toYamlDocuments([job]))[0]), [], 'the schemas alone let it through');
    });
  });

  describe('the container scripts, run by sh with a stand-in ssad', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ssad-k8s-sh-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    /** Runs a script with /runs and /config moved under the temp folder; returns the stand-in's arguments. */
    function runScript(sh: string, env: Record<string, string> = {}): string[] {
      const bin = join(dir, 'bin');
      mkdirSync(bin, { recursive: true });
      writeFileSync(join(bin, 'ssad'), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
      chmodSync(join(bin, 'ssad'), 0o755);
      const moved = sh.replaceAll('/runs/', `${dir}/runs/`).replaceAll('/config/', `${dir}/config/`);
      const r = spawnSync('sh', ['-c', moved], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin`, ...env } });
      assert.equal(r.status, 0, r.stderr);
      return r.stdout.trimEnd().split('\n');
    }

    it('a shard pod passes its completion index through and starts its folder afresh', () => {
      const m = buildK8sManifests(spec());
      const out = `${dir}/runs/${m.jobName}/shards/3`;
      mkdirSync(join(out, 'stale-try'), { recursive: true });
      assert.deepEqual(runScript(script(shardJob(m)), { JOB_COMPLETION_INDEX: '3' }), [
        'run',
        `${dir}/config/quickstart.ssad.json`,
        '--shard',
        '3/8',
        '--out',
        out,
        '--parallel',
        '2',
      ]);
      assert.equal(spawnSync('ls', ['-A', out], { encoding: 'utf8' }).stdout, '', 'the failed try is gone');
    });

    it('the merge pod hands every shard run folder to ssad merge', () => {
      const m = buildK8sManifests(spec());
      const shards = `${dir}/runs/${m.jobName}/shards`;
      for (const [i, run] of [
        [0, '20250304-050700-quickstart-shard-0-of-2'],
        [1, '20250304-050702-quickstart-shard-1-of-2'],
      ] as const) {
        mkdirSync(join(shards, String(i), run), { recursive: true });
      }
      mkdirSync(`${dir}/runs/${m.jobName}/merged/old`, { recursive: true });
      assert.deepEqual(runScript(script(file(m, 'merge.yaml')[0] as IJob)), [
        'merge',
        `${dir}/runs/${m.jobName}/merged`,
        `${shards}/0/20250304-050700-quickstart-shard-0-of-2`,
        `${shards}/1/20250304-050702-quickstart-shard-1-of-2`,
      ]);
    });
  });
});
