import { strict as assert } from 'node:assert';
import { RunQueue } from '../../../../src/extension/runs/runQueue';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('run queue', () => {
  it('runs one job at a time, in order, and says how many are ahead', async () => {
    const gates = new Map<string, ReturnType<typeof deferred<string>>>();
    const started: string[] = [];
    const queue = new RunQueue<string, string>((job) => {
      started.push(job);
      const d = deferred<string>();
      gates.set(job, d);
      return d.promise;
    });
    const a = queue.enqueue('a');
    const b = queue.enqueue('b');
    const c = queue.enqueue('c');
    assert.deepEqual([a.position, b.position, c.position], [0, 1, 2]);
    assert.deepEqual(started, ['a']);
    assert.equal(queue.active, 'a');
    assert.deepEqual(queue.waiting, ['b', 'c']);
    gates.get('a')!.resolve('A');
    assert.equal(await a.result, 'A');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(started, ['a', 'b']);
    gates.get('b')!.resolve('B');
    assert.equal(await b.result, 'B');
    await new Promise((r) => setImmediate(r));
    gates.get('c')!.resolve('C');
    assert.equal(await c.result, 'C');
    await new Promise((r) => setImmediate(r));
    assert.equal(queue.active, undefined);
  });

  it('drops waiting jobs on clear (their results settle as undefined) and keeps the running one', async () => {
    const gate = deferred<string>();
    const queue = new RunQueue<string, string>(() => gate.promise);
    const a = queue.enqueue('a');
    const b = queue.enqueue('b');
    assert.deepEqual(queue.clearWaiting(), ['b']);
    assert.equal(await b.result, undefined);
    gate.resolve('A');
    assert.equal(await a.result, 'A');
  });

  it('goes on with the next job after one fails (also when it throws at once)', async () => {
    const queue = new RunQueue<string, string>((job) => {
      if (job === 'throws') throw new Error('no');
      return job === 'rejects' ? Promise.reject(new Error('bad')) : Promise.resolve(job.toUpperCase());
    });
    const x = queue.enqueue('throws');
    const y = queue.enqueue('rejects');
    const z = queue.enqueue('ok');
    await assert.rejects(x.result, /no/);
    await assert.rejects(y.result, /bad/);
    assert.equal(await z.result, 'OK');
  });
});
