/**
 * `ssad slurm` as users run it (the built dist/cli.js): what it writes, what it refuses.
 * `npm test` builds before the unit tests; run `npm run build` first when running this alone.
 * A real Slurm runs the scripts in `npm run test:slurm`.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tinyShapesConfig } from '../../helpers/tinyConfig';

const CLI = resolve(__dirname, '../../../dist/cli.js');

function config(over: object = {}): object {
  return tinyShapesConfig('slurm cli', over);
}

const MODULE = "export default {name:'mine',category:'custom',description:'d',params:{},apply(batch){ return {...batch, data: batch.data.slice()}; }};\n";

describe('ssad slurm (built bundle)', function () {
  this.timeout(60_000);
  let dir: string;

  before(function () {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first`);
  });
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ssad slurm-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function ssad(...args: string[]) {
    return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: dir, timeout: 50_000 });
  }

  it('writes the job folder beside the config: scripts, a frozen config with its modules, logs/ and shards/; prints the submit command', () => {
    mkdirSync(join(dir, 'ssad', 'augmentations'), { recursive: true });
    writeFileSync(join(dir, 'ssad', 'augmentations', 'mine.ts'), MODULE);
    mkdirSync(join(dir, 'data', 'good'), { recursive: true });
    const file = join(dir, 'exp.ssad.json');
    writeFileSync(file, JSON.stringify(config({ augmentations: ['none', './ssad/augmentations/mine.ts'] })));
    const r = ssad('slurm', 'exp.ssad.json', '--shards', '3', '--cpus', '2', '--time', '0:30:00', '--partition', 'debug');
    assert.equal(r.status, 0, r.stderr);
    const [jobId] = readdirSync(join(dir, '.ssad', 'slurm'));
    assert.match(jobId, /^\d{8}-\d{6}-slurm_cli$/);
    const job = join(dir, '.ssad', 'slurm', jobId);
    assert.deepEqual(readdirSync(job).sort(), ['array.sbatch', 'config', 'logs', 'merge.sbatch', 'shards', 'submit.sh']);
    assert.equal(readFileSync(join(job, 'config', 'ssad', 'augmentations', 'mine.ts'), 'utf8'), MODULE);
    assert.deepEqual(JSON.parse(readFileSync(join(job, 'config', 'exp.ssad.json'), 'utf8')), config({ augmentations: ['none', './ssad/augmentations/mine.ts'] }));
    assert.ok(statSync(join(job, 'submit.sh')).mode & 0o100, 'submit.sh is executable');
    const array = readFileSync(join(job, 'array.sbatch'), 'utf8');
    assert.ok(array.includes(`exec ${process.execPath} ${CLI} run '${job}/config/exp.ssad.json' --shard "$SLURM_ARRAY_TASK_ID/3" --out '${job}/shards' --parallel 2\n`), array);
    assert.ok(array.includes('\n#SBATCH --partition=debug\n#SBATCH --time=0:30:00\n'));
    for (const script of ['array.sbatch', 'merge.sbatch', 'submit.sh']) {
      const check = spawnSync('bash', ['-n', join(job, script)], { encoding: 'utf8' });
      assert.equal(check.status, 0, `${script}: ${check.stderr}`);
    }
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.at(-1), `  bash '${job}/submit.sh'`);
    assert.match(r.stdout, /the config and 1 custom module as they are now/);
    // The copy is a valid config by itself.
    const v = ssad('validate', join(job, 'config', 'exp.ssad.json'));
    assert.equal(v.status, 0, v.stderr);
  });

  it('--out names the job folder itself (new or empty), and --ssad replaces the command the nodes run', () => {
    writeFileSync(join(dir, 'a.ssad.json'), JSON.stringify(config()));
    const r = ssad('slurm', 'a.ssad.json', '--shards', '2', '--out', 'job', '--ssad', 'ssad');
    assert.equal(r.status, 0, r.stderr);
    assert.match(readFileSync(join(dir, 'job', 'array.sbatch'), 'utf8'), /\nexec ssad run /);
    assert.match(readFileSync(join(dir, 'job', 'merge.sbatch'), 'utf8'), /\nexec ssad merge /);
    const again = ssad('slurm', 'a.ssad.json', '--shards', '2', '--out', 'job');
    assert.equal(again.status, 2);
    assert.match(again.stderr, /--out: the job folder .*job is not empty/);
  });

  it('exits 2 naming the flag, the config field or the module, and writes nothing', () => {
    writeFileSync(join(dir, 'a.ssad.json'), JSON.stringify(config()));
    const cases: Array<[string[], RegExp]> = [
      [['slurm', 'a.ssad.json'], /needs --shards N/],
      [['slurm', 'a.ssad.json', '--shards', '0'], /--shards must be a whole number from 1 up, got "0"/],
      [['slurm', 'a.ssad.json', '--shards', '2', '--time', '2h'], /--time must be a Slurm time limit/],
      [['slurm', 'a.ssad.json', '--shards', '2', '--cpus', 'x'], /--cpus must be a whole number/],
      [['slurm', '--shards', '2'], /slurm needs exactly one CONFIG/],
    ];
    writeFileSync(join(dir, 'bad.ssad.json'), JSON.stringify(config({ training: { epochs: 0 } })));
    cases.push([['slurm', 'bad.ssad.json', '--shards', '2'], /training\.epochs/]);
    writeFileSync(join(dir, 'missing.ssad.json'), JSON.stringify(config({ augmentations: ['none', './ssad/augmentations/none-such.ts'] })));
    cases.push([['slurm', 'missing.ssad.json', '--shards', '2'], /augmentations\[1\]: .*none-such\.ts/]);
    for (const [args, message] of cases) {
      const r = ssad(...args);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
    }
    assert.ok(!existsSync(join(dir, '.ssad')), 'nothing written');
  });

  it('refuses a custom module outside the config folder even when it loads, saying why', () => {
    const sub = join(dir, 'exp');
    mkdirSync(join(dir, 'augs'), { recursive: true });
    mkdirSync(sub);
    writeFileSync(join(dir, 'augs', 'mine.ts'), MODULE);
    writeFileSync(join(sub, 'a.ssad.json'), JSON.stringify(config({ augmentations: ['none', '../augs/mine.ts'] })));
    const r = ssad('slurm', join('exp', 'a.ssad.json'), '--shards', '2');
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /augmentations\[1\]: "\.\.\/augs\/mine\.ts" lies outside the config's folder/);
    assert.ok(!existsSync(join(sub, '.ssad')));
  });
});
