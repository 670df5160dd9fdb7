/**
 * The file-writing cores of `ssad slurm` and `ssad k8s`, called as the extension calls them: they
 * say what they wrote (or why nothing), and print nothing. What the CLI prints around them is
 * tested through the built bundle (slurmCommand.test.ts, k8s/command.test.ts).
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseK8sFlags } from '../../../src/cli/k8s/flags';
import { shownPath, stepCommands, writeK8sJob } from '../../../src/cli/k8sJob';
import { parseSlurmFlags } from '../../../src/cli/slurmFlags';
import { writeSlurmJob } from '../../../src/cli/slurmJob';
import { validateConfig } from '../../../src/engine/api';
import type { ExperimentConfig } from '../../../src/shared/config';
import { tinyShapesConfig } from '../../helpers/tinyConfig';

const MODULE = "export default {name:'mine',category:'custom',description:'d',params:{},apply(batch){ return {...batch, data: batch.data.slice()}; }};\n";

function rawConfig(over: object = {}): Record<string, unknown> {
  return tinyShapesConfig('writer test', { augmentations: ['none', './ssad/augmentations/mine.ts'], ...over });
}

/** Records what is written to stdout and stderr while `fn` runs. */
function silenced<T>(fn: () => T): { value: T; printed: string } {
  let printed = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((printed += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((printed += chunk), true)) as typeof process.stderr.write;
  try {
    return { value: fn(), printed };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe('cluster job writers (the cores of ssad slurm and ssad k8s)', () => {
  let dir: string;
  let configFile: string;
  let config: ExperimentConfig;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ssad-jobs-'));
    mkdirSync(join(dir, 'ssad', 'augmentations'), { recursive: true });
    writeFileSync(join(dir, 'ssad', 'augmentations', 'mine.ts'), MODULE);
    configFile = join(dir, 'exp.ssad.json');
    writeFileSync(configFile, JSON.stringify(rawConfig(), null, 2));
    const checked = validateConfig(rawConfig(), { baseDir: dir });
    assert.ok(checked.ok, JSON.stringify(checked));
    config = checked.config;
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writeSlurmJob writes the job folder beside the config and returns every path and the submit command, printing nothing', () => {
    const flags = parseSlurmFlags({ shards: '3' });
    assert.ok(flags.ok);
    const { value: written, printed } = silenced(() => writeSlurmJob({ configFile, config, baseDir: dir, resources: flags.resources, ssad: 'ssad' }));
    assert.equal(printed, '');
    assert.ok(written.ok, JSON.stringify(written));
    const { job } = written;
    assert.equal(join(job.jobDir, '..'), join(dir, '.ssad', 'slurm'));
    assert.match(job.jobDir, /\d{8}-\d{6}-writer_test$/);
    assert.deepEqual(job.scripts, ['array.sbatch', 'merge.sbatch', 'submit.sh'].map((f) => join(job.jobDir, f)));
    for (const file of [...job.scripts, job.configCopy]) assert.ok(existsSync(file), file);
    assert.equal(job.configCopy, join(job.jobDir, 'config', 'exp.ssad.json'));
    assert.deepEqual(job.modules.map((m) => m.to), [join('ssad', 'augmentations', 'mine.ts')]);
    assert.equal(readFileSync(join(job.jobDir, 'config', 'ssad', 'augmentations', 'mine.ts'), 'utf8'), MODULE);
    assert.equal(job.submitCommand, `bash ${join(job.jobDir, 'submit.sh')}`);
    assert.match(readFileSync(job.scripts[0], 'utf8'), /\nexec ssad run .* --shard "\$SLURM_ARRAY_TASK_ID\/3" /);
  });

  it('writeSlurmJob refuses a module outside the config folder (freeze) and writes nothing', () => {
    mkdirSync(join(dir, 'sub'));
    const inner = join(dir, 'sub', 'exp.ssad.json');
    const raw = rawConfig({ augmentations: ['none', '../ssad/augmentations/mine.ts'] });
    writeFileSync(inner, JSON.stringify(raw));
    const checked = validateConfig(raw, { baseDir: join(dir, 'sub') });
    assert.ok(checked.ok, JSON.stringify(checked));
    const flags = parseSlurmFlags({ shards: '2' });
    assert.ok(flags.ok);
    const written = writeSlurmJob({ configFile: inner, config: checked.config, baseDir: join(dir, 'sub'), resources: flags.resources, ssad: 'ssad' });
    assert.ok(!written.ok);
    assert.equal(written.kind, 'freeze');
    assert.match(written.problems[0], /augmentations\[1\]: "\.\.\/ssad\/augmentations\/mine\.ts" lies outside the config's folder/);
    assert.ok(!existsSync(join(dir, 'sub', '.ssad')), 'nothing was written');
  });

  it('writeK8sJob writes the manifests and steps.txt, with the steps’ paths relative to the folder the user types from', () => {
    const flags = parseK8sFlags({ shards: '2', image: 'img:1' });
    assert.ok(flags.ok);
    const now = new Date('2026-11-29T10:15:30.000Z');
    const { value: written, printed } = silenced(() => writeK8sJob({ configFile, config, baseDir: dir, settings: flags.settings, now, shownFrom: dir }));
    assert.equal(printed, '');
    assert.ok(written.ok, JSON.stringify(written));
    const { job } = written;
    assert.equal(job.manifests.jobName, 'writer-test-20261129-101530');
    assert.equal(job.outDir, join(dir, '.ssad', 'k8s', 'writer-test-20261129-101530'));
    assert.deepEqual(job.files, ['pvc.yaml', 'files.yaml', 'job.yaml', 'merge.yaml', 'steps.txt']);
    assert.deepEqual(readdirSync(job.outDir).sort(), [...job.files].sort());
    assert.equal(readFileSync(join(job.outDir, 'steps.txt'), 'utf8'), `${job.steps.join('\n')}\n`);
    const commands = stepCommands(job.steps);
    assert.equal(commands[0], 'kubectl apply -f .ssad/k8s/writer-test-20261129-101530/pvc.yaml');
    assert.ok(commands.every((c) => c.startsWith('kubectl ')), commands.join('\n'));
    assert.ok(job.steps.some((l) => l.startsWith('#')) && !commands.some((l) => l.startsWith('#')));
    // The same submission again: the folder is taken, and nothing is overwritten.
    const again = writeK8sJob({ configFile, config, baseDir: dir, settings: flags.settings, now, shownFrom: dir });
    assert.ok(!again.ok);
    assert.match(again.error, /is not empty/);
  });

  it('shows a path relative below the folder the user types from, else absolute', () => {
    assert.equal(shownPath(join(dir, 'a', 'b'), dir), join('a', 'b'));
    assert.equal(shownPath(dir, dir), '.');
    assert.equal(shownPath(join(dir, '..', 'elsewhere'), dir), join(dir, '..', 'elsewhere'));
  });
});
