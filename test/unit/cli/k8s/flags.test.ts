import { strict as assert } from 'node:assert';
import { parseK8sFlags, type K8sFlags, type K8sSettings } from '../../../../src/cli/k8s/flags';

function settings(flags: K8sFlags): K8sSettings {
  const r = parseK8sFlags(flags);
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.settings;
}

function refusal(flags: K8sFlags): string {
  const r = parseK8sFlags(flags);
  assert.ok(!r.ok, 'expected a refusal');
  return r.error;
}

const BASE = { shards: '8', image: 'ghcr.io/o/ssad:0.1.0' };

describe('ssad k8s flags', () => {
  it('fills in the defaults: every shard at once, 2 CPUs (2 training processes), 4Gi, the claim of pvc.yaml', () => {
    assert.deepEqual(settings(BASE), {
      shards: 8,
      parallelism: 8,
      image: 'ghcr.io/o/ssad:0.1.0',
      gpu: false,
      cpus: '2',
      processes: 2,
      memory: '4Gi',
      claim: undefined,
      out: undefined,
      data: undefined,
    });
  });

  it('takes every flag, with one training process per whole CPU', () => {
    const s = settings({ ...BASE, gpu: true, parallelism: '3', cpus: '3.5', memory: '12Gi', pvc: 'team.runs', out: 'k', data: '/runs/data/bottle/' });
    assert.equal(s.parallelism, 3);
    assert.equal(s.processes, 3);
    assert.equal(s.cpus, '3.5');
    assert.equal(s.gpu, true);
    assert.equal(s.claim, 'team.runs');
    assert.equal(s.data, '/runs/data/bottle');
    assert.equal(settings({ ...BASE, cpus: '500m' }).processes, 1);
    assert.equal(settings({ ...BASE, cpus: '4000m' }).processes, 4);
  });

  it('refuses bad values, naming the flag and what was given', () => {
    assert.match(refusal({ image: 'x' }), /--shards N is required/);
    assert.match(refusal({ ...BASE, shards: '0' }), /--shards must be a whole number from 1 to 100000, got 0/);
    assert.match(refusal({ ...BASE, shards: '100001' }), /--shards .* got 100001/);
    assert.match(refusal({ ...BASE, shards: '2.5' }), /--shards .* got "2\.5"/);
    assert.match(refusal({ ...BASE, parallelism: '9' }), /--parallelism must be a whole number from 1 to 8, got 9 \(at most --shards\)/);
    assert.match(refusal({ shards: '2' }), /--image IMAGE is required/);
    assert.match(refusal({ ...BASE, image: 'a b' }), /--image .* got "a b"/);
    assert.match(refusal({ ...BASE, cpus: '0' }), /--cpus must be a positive number .* got "0"/);
    assert.match(refusal({ ...BASE, cpus: 'two' }), /--cpus .* got "two"/);
    assert.match(refusal({ ...BASE, memory: '4' }), /--memory must be an amount with a unit such as 4Gi or 512Mi, got "4"/);
    assert.match(refusal({ ...BASE, memory: '4GB' }), /--memory .* got "4GB"/);
    assert.match(refusal({ ...BASE, memory: '0Gi' }), /--memory .* got "0Gi"/);
    assert.match(refusal({ ...BASE, pvc: 'My_Claim' }), /--pvc must name an existing PersistentVolumeClaim .* got "My_Claim"/);
    assert.match(refusal({ ...BASE, out: ' ' }), /--out needs a folder/);
    for (const data of ['data/bottle', '/data/bottle', '/runs', '/runs/', '/runs/../etc', 'C:\\data']) {
      assert.match(refusal({ ...BASE, data }), /--data must be the data set's folder on the claim, an absolute path under \/runs/, data);
    }
  });
});
