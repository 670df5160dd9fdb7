import { strict as assert } from 'node:assert';
import {
  claimDataProblem,
  defaultClaimData,
  imageProblem,
  jobFolderHint,
  parseScheduler,
  readAnswers,
  shardCountProblem,
  shardsPrompt,
  ssadCommandForNodes,
} from '../../../../src/extension/cluster/clusterJobInputs';

describe('Export Cluster Job: answers', () => {
  it('reads the scheduler by name, k8s for Kubernetes too, any case', () => {
    assert.equal(parseScheduler('slurm'), 'slurm');
    assert.equal(parseScheduler(' Kubernetes '), 'kubernetes');
    assert.equal(parseScheduler('K8S'), 'kubernetes');
    assert.equal(parseScheduler('pbs'), undefined);
    assert.equal(parseScheduler(3), undefined);
  });

  it('takes a whole number of shards from 1 to the scheduler’s limit', () => {
    assert.equal(shardCountProblem('4', 'slurm'), undefined);
    assert.equal(shardCountProblem(' 100000 ', 'kubernetes'), undefined);
    assert.match(shardCountProblem('100001', 'kubernetes') ?? '', /from 1 to 100,000/);
    for (const bad of ['', '0', '-1', '2.5', 'four', '1e3']) assert.ok(shardCountProblem(bad, 'slurm'), `"${bad}" is refused`);
  });

  it('takes an image reference without spaces, and a data set folder under /runs', () => {
    assert.equal(imageProblem('registry.example.com/ssad:0.1.0'), undefined);
    assert.match(imageProblem('  ') ?? '', /docker\/Dockerfile/);
    assert.match(imageProblem('ssad :1') ?? '', /no spaces/);
    assert.equal(claimDataProblem('/runs/data/bottle'), undefined);
    for (const bad of ['/runs/', '/data/bottle', 'runs/data', '/runs/../etc', '\\runs\\data']) assert.ok(claimDataProblem(bad), `"${bad}" is refused`);
    assert.equal(defaultClaimData('./data/bottle'), '/runs/data/bottle');
  });

  it('reads answers a script passes, refusing wrong ones by name; menu arguments are no answers', () => {
    assert.deepEqual(readAnswers({ scheduler: 'k8s', shards: 3, image: ' img:1 ' }), { ok: true, answers: { scheduler: 'kubernetes', shards: 3, image: 'img:1' } });
    assert.deepEqual(readAnswers({ scheduler: 'slurm', shards: '2', ssad: 'ssad' }), { ok: true, answers: { scheduler: 'slurm', shards: 2, ssad: 'ssad' } });
    assert.deepEqual(readAnswers({ shards: 2 }), { ok: true, answers: { shards: 2 } });
    assert.equal(readAnswers({ scheduler: 'pbs' })?.ok, false);
    const zero = readAnswers({ scheduler: 'slurm', shards: 0 });
    assert.ok(zero && !zero.ok && /^shards: A whole number from 1/.test(zero.error), JSON.stringify(zero));
    const image = readAnswers({ scheduler: 'kubernetes', image: 'a b' });
    assert.ok(image && !image.ok && /no spaces/.test(image.error));
    const ssad = readAnswers({ ssad: 'ssad\nrm -rf /' });
    assert.ok(ssad && !ssad.ok);
    // What VS Code passes from the explorer (the selection) and the editor title (the group).
    assert.equal(readAnswers([{ path: '/w/a.ssad.json' }]), undefined);
    assert.equal(readAnswers({ groupId: 1 }), undefined);
    assert.equal(readAnswers(undefined), undefined);
  });

  it('runs this extension’s CLI on the Slurm nodes: by this Node binary, or the nodes’ node under a desktop editor', () => {
    const cliScript = '/shared/vscode-server/extensions/ssad-lab/dist/cli.js';
    assert.equal(ssadCommandForNodes({ execPath: '/shared/vscode-server/bin/node', electron: false, cliScript }), `/shared/vscode-server/bin/node ${cliScript}`);
    assert.equal(ssadCommandForNodes({ execPath: '/opt/Code/code', electron: true, cliScript: '/shared/my files/cli.js' }), `node '/shared/my files/cli.js'`);
  });

  it('says in the prompts which defaults stay and where the job goes', () => {
    assert.match(shardsPrompt('slurm', 'ssad'), /1 CPU per task.*partition.*the nodes run ssad/);
    assert.match(shardsPrompt('kubernetes', 'ssad'), /2 CPUs and 4Gi per pod, no GPU, a new claim ssad-runs/);
    assert.equal(jobFolderHint('slurm'), '.ssad/slurm/<time>-<name>/ beside the config');
    assert.equal(jobFolderHint('kubernetes'), '.ssad/k8s/<name>-<time>/ beside the config');
  });
});
