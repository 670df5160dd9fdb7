/**
 * `ssad k8s` through the built CLI (dist/cli.js): what it writes, what it prints, what it refuses.
 * `npm test` builds before the unit tests; run `npm run build` first when running this alone.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { IJob } from 'kubernetes-models/batch/v1/Job';
import type { IConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { manifestErrors, parseManifests } from '../../../helpers/kubernetesManifests';
import { tinyShapesConfig } from '../../../helpers/tinyConfig';

const CLI = resolve(__dirname, '../../../../dist/cli.js');
const IMAGE = 'registry.example.com/ssad:0.1.0';
const MODULE = "export default {name:'soft',category:'custom',description:'d',params:{},apply(batch){ return {...batch, data: batch.data.slice()}; }};\n";

function config(overrides: object = {}): object {
  return tinyShapesConfig('K8s test', {
    dataset: { source: 'shapes', normalClasses: [1], imageSize: 16, maxTrain: 48, maxTest: 16 },
    runtime: { backend: 'wasm', parallelism: 1 },
    ...overrides,
  });
}

describe('ssad k8s (built bundle)', function () {
  this.timeout(60_000);
  let dir: string;

  before(function () {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ssad-k8s-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function k8s(...args: string[]) {
    return spawnSync(process.execPath, [CLI, 'k8s', ...args], { cwd: dir, encoding: 'utf8', timeout: 50_000 });
  }

  function write(name: string, value: object): string {
    writeFileSync(join(dir, name), JSON.stringify(value, null, 2));
    return name;
  }

  it('writes valid manifests beside the config, with its custom module, and prints the kubectl steps it saves', () => {
    mkdirSync(join(dir, 'ssad', 'augmentations'), { recursive: true });
    writeFileSync(join(dir, 'ssad', 'augmentations', 'soft.ts'), MODULE);
    const file = write('exp.ssad.json', config({ augmentations: ['none', './ssad/augmentations/soft.ts'], testbed: { type: 'synthetic', anomalies: ['flip', './ssad/augmentations/soft.ts'] } }));
    const r = k8s(file, '--shards', '3', '--image', IMAGE, '--cpus', '4', '--memory', '6Gi');
    assert.equal(r.status, 0, r.stderr);
    const [jobDir] = readdirSync(join(dir, '.ssad', 'k8s'));
    assert.match(jobDir, /^k8s-test-\d{8}-\d{6}$/);
    const out = join(dir, '.ssad', 'k8s', jobDir);
    assert.deepEqual(readdirSync(out).sort(), ['files.yaml', 'job.yaml', 'merge.yaml', 'pvc.yaml', 'steps.txt']);
    for (const name of ['pvc.yaml', 'files.yaml', 'job.yaml', 'merge.yaml']) assert.deepEqual(manifestErrors(readFileSync(join(out, name), 'utf8')), [], name);

    const [cm, job] = parseManifests(readFileSync(join(out, 'job.yaml'), 'utf8')) as unknown as [IConfigMap, IJob];
    assert.equal(cm.data?.['exp.ssad.json'], readFileSync(join(dir, file), 'utf8'));
    assert.deepEqual(Object.keys(cm.data ?? {}), ['exp.ssad.json', 'module-0'], 'a module listed twice is sent once');
    assert.equal(cm.data?.['module-0'], MODULE);
    assert.deepEqual(job.spec?.template.spec?.volumes?.[0].configMap?.items?.[1], { key: 'module-0', path: 'ssad/augmentations/soft.ts' });
    assert.equal(job.spec?.completions, 3);
    assert.match(job.spec?.template.spec?.containers[0].command?.[2] ?? '', /--shard "\$JOB_COMPLETION_INDEX\/3" --out "\$out" --parallel 4\n/);

    const steps = readFileSync(join(out, 'steps.txt'), 'utf8');
    assert.ok(r.stdout.includes(steps.trimEnd().split('\n').map((l) => `  ${l}`).join('\n')), 'the printed steps are the saved ones');
    const commands = steps.split('\n').filter((l) => l.startsWith('kubectl'));
    assert.deepEqual(commands.slice(0, 3), [`kubectl apply -f .ssad/k8s/${jobDir}/pvc.yaml`, `kubectl apply -f .ssad/k8s/${jobDir}/files.yaml`, `kubectl wait --for=condition=Ready pod/${jobDir}-files --timeout=10m`]);
    assert.ok(commands.includes(`kubectl wait --for=condition=complete job/${jobDir} --timeout=24h`));
    assert.ok(commands.indexOf(`kubectl apply -f .ssad/k8s/${jobDir}/merge.yaml`) > commands.indexOf(`kubectl apply -f .ssad/k8s/${jobDir}/job.yaml`));
    assert.ok(commands.includes(`kubectl cp ${jobDir}-files:/runs/${jobDir}/merged .ssad/runs/${jobDir}`));
  });

  it('sends a folder data set\'s config pointing at --data on the claim, and copies the folder there first', () => {
    for (const sub of ['train/good', 'test/good', 'test/crack']) mkdirSync(join(dir, 'data', 'bottle', sub), { recursive: true });
    const file = write('bottle.ssad.json', config({ name: 'bottle', dataset: { source: 'folder', path: './data/bottle', layout: 'mvtec', imageSize: 16 }, testbed: { type: 'labeled' } }));
    const refused = k8s(file, '--shards', '2', '--image', IMAGE);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /dataset\.path "\.\/data\/bottle" is a folder on this machine.*--data \/runs\/data\/bottle/);

    const r = k8s(file, '--shards', '2', '--image', IMAGE, '--data', '/runs/data/bottle', '--pvc', 'team-runs', '--out', 'manifests');
    assert.equal(r.status, 0, r.stderr);
    assert.ok(!existsSync(join(dir, 'manifests', 'pvc.yaml')), 'an existing claim is not made again');
    const [cm] = parseManifests(readFileSync(join(dir, 'manifests', 'job.yaml'), 'utf8')) as unknown as [IConfigMap];
    const sent = JSON.parse(cm.data?.['bottle.ssad.json'] ?? '{}') as { dataset: { path: string }; name: string };
    assert.equal(sent.dataset.path, '/runs/data/bottle');
    assert.equal(sent.name, 'bottle');
    assert.match(r.stdout, /kubectl exec bottle-\d{8}-\d{6}-files -- mkdir -p \/runs\/data\n/);
    assert.match(r.stdout, /kubectl cp data\/bottle bottle-\d{8}-\d{6}-files:\/runs\/data\/bottle\n/);

    const shapes = write('shapes.ssad.json', config());
    const needless = k8s(shapes, '--shards', '2', '--image', IMAGE, '--data', '/runs/data/x');
    assert.equal(needless.status, 2);
    assert.match(needless.stderr, /--data is for a config whose dataset\.source is "folder"; this one's is "shapes"/);
  });

  it('its pods, played here by sh with the real ssad on a ConfigMap laid out as the kubelet does, train every shard and merge them into one completed run', () => {
    mkdirSync(join(dir, 'ssad', 'augmentations'), { recursive: true });
    writeFileSync(join(dir, 'ssad', 'augmentations', 'soft.ts'), MODULE);
    const file = write('exp.ssad.json', config({ augmentations: ['none', 'flip', './ssad/augmentations/soft.ts'] }));
    const r = k8s(file, '--shards', '2', '--image', IMAGE, '--cpus', '1', '--out', 'manifests');
    assert.equal(r.status, 0, r.stderr);
    const [cm, job] = parseManifests(readFileSync(join(dir, 'manifests', 'job.yaml'), 'utf8')) as unknown as [IConfigMap, IJob];
    const [merge] = parseManifests(readFileSync(join(dir, 'manifests', 'merge.yaml'), 'utf8')) as unknown as [IJob];

    // The kubelet writes a ConfigMap volume into a timestamped folder behind the ..data link, and
    // links each top-level entry to it.
    const configDir = join(dir, 'pod', 'config');
    for (const item of job.spec?.template.spec?.volumes?.[0].configMap?.items ?? []) {
      const target = join(configDir, '..2025_01_01_00_00_00.000000000', item.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, cm.data?.[item.key] ?? '');
    }
    symlinkSync('..2025_01_01_00_00_00.000000000', join(configDir, '..data'));
    for (const top of new Set((job.spec?.template.spec?.volumes?.[0].configMap?.items ?? []).map((i) => i.path.split('/')[0]))) symlinkSync(join('..data', top), join(configDir, top));
    const bin = join(dir, 'pod', 'bin');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'ssad'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
    chmodSync(join(bin, 'ssad'), 0o755);
    const pod = (container: { command?: string[] }, env: Record<string, string> = {}) => {
      const script = (container.command?.[2] ?? '').replaceAll('/runs/', `${dir}/pod/runs/`).replaceAll('/config/', `${configDir}/`);
      return spawnSync('sh', ['-c', script], { encoding: 'utf8', timeout: 50_000, env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, ...env } });
    };
    for (const index of ['0', '1']) {
      const shard = pod(job.spec!.template.spec!.containers[0], { JOB_COMPLETION_INDEX: index });
      assert.equal(shard.status, 0, shard.stderr);
    }
    const merged = pod(merge.spec!.template.spec!.containers[0]);
    assert.equal(merged.status, 0, merged.stderr);
    const jobName = String(job.metadata?.name);
    const results = JSON.parse(readFileSync(join(dir, 'pod', 'runs', jobName, 'merged', 'results.json'), 'utf8')) as { status: string; cells: Array<{ status: string }> };
    assert.equal(results.status, 'completed');
    assert.deepEqual(results.cells.map((c) => c.status), ['completed', 'completed', 'completed']);
  });

  it('refuses, with exit 2 and the reason, what the pods could not run', () => {
    mkdirSync(join(dir, 'exp'), { recursive: true });
    mkdirSync(join(dir, 'shared'), { recursive: true });
    writeFileSync(join(dir, 'shared', 'soft.ts'), MODULE);
    writeFileSync(join(dir, 'exp', 'out.ssad.json'), JSON.stringify(config({ augmentations: ['none', '../shared/soft.ts'] })));
    const outside = k8s('exp/out.ssad.json', '--shards', '2', '--image', IMAGE);
    assert.equal(outside.status, 2);
    assert.match(outside.stderr, /augmentations\[1\]: "\.\.\/shared\/soft\.ts": the module lies outside the config's folder/);

    const bad = write('bad.ssad.json', config({ training: { epochs: 0 } }));
    const invalid = k8s(bad, '--shards', '2', '--image', IMAGE);
    assert.equal(invalid.status, 2);
    assert.match(invalid.stderr, /training\.epochs/);

    const good = write('good.ssad.json', config());
    const noImage = k8s(good, '--shards', '2');
    assert.equal(noImage.status, 2);
    assert.match(noImage.stderr, /--image IMAGE is required/);
    const badShards = k8s(good, '--shards', 'many', '--image', IMAGE);
    assert.equal(badShards.status, 2);
    assert.match(badShards.stderr, /--shards must be a whole number from 1 to 100000, got "many"/);

    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'keep.txt'), 'x');
    const taken = k8s(good, '--shards', '2', '--image', IMAGE, '--out', 'taken');
    assert.equal(taken.status, 2);
    assert.match(taken.stderr, /--out: the folder .*taken is not empty/);
    assert.deepEqual(readdirSync(join(dir, 'taken')), ['keep.txt']);
  });
});
