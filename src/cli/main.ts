/**
 * `ssad`: the engine without VS Code.
 *   ssad run CONFIG [--out DIR] [--parallel N] [--backend auto|node|wasm|cpu] [--quiet]
 *   ssad run --resume RUN_DIR [CONFIG] [--parallel N] [--backend …] [--quiet]
 *   ssad run CONFIG --shard I/N [--out DIR] […]
 *   ssad merge OUT DIR...
 *   ssad validate CONFIG
 *   ssad diagnose CONFIG [--feature pixels|randomConv] [--distance energy|mmd] [--json]
 *   ssad augmentations
 *   ssad samples [--class D] [--mode train|anomaly] [--out FILE]
 *   ssad backend [install [--gpu] [--prefix DIR]]
 *   ssad slurm CONFIG --shards N [--cpus C] [--partition P] [--time T] [--gres G] [--mem M] [--out DIR] [--ssad CMD]
 *   ssad k8s CONFIG --shards N --image IMAGE [--gpu] [--parallelism P] [--cpus C] [--memory M] [--pvc NAME] [--data DIR] [--out DIR]
 *   ssad --version
 * Exit codes: 0 completed, 1 run failed, 2 bad usage or invalid config, 130 interrupted.
 */
import { parseArgs } from 'node:util';
import { runCommand } from './runCommand';
import { mergeCommand } from './mergeCommand';
import { validateCommand } from './validateCommand';
import { diagnoseCommand } from './diagnoseCommand';
import { CHECK_MODULE_COMMAND, checkModuleCommand } from './checkModules';
import { augmentationsCommand } from './augmentationsCommand';
import { samplesCommand } from './samplesCommand';
import { backendCommand } from './backendCommand';
import { slurmCommand } from './slurmCommand';
import { k8sCommand } from './k8sCommand';
import { EXIT } from './exitCodes';
import { SSAD_VERSION } from './version';

const USAGE = `Usage: ssad <command> [options]

Commands:
  run CONFIG         Train the config's grid (augmentations × seeds × normal classes) and print
                     the AUROC alignment matrix. Results go to .ssad/runs/<id>/ next to CONFIG.
  merge OUT DIR...   Put shard runs (run --shard) of one config together as the run folder OUT
                     (new or empty) and print its matrix; exit 1 naming any missing cells.
  validate CONFIG    Check a *.ssad.json config and print every problem with its field.
  diagnose CONFIG    Before training, in seconds: how far each training augmentation moves the
                     train normals towards the unlabeled test set (distance ratio, < 1: closer),
                     and per anomaly type (uses the test labels) [--feature pixels|randomConv]
                     [--distance energy|mmd] [--json]
  augmentations      List the augmentation catalogue with categories and parameters.
  samples            Write a PNG of MNIST digits under every catalogue function
                     [--class D] [--mode train|anomaly] [--out FILE]
  backend            Print what backend "auto" picks here and why (native, wasm, cpu).
  backend install    Install native TensorFlow (@tensorflow/tfjs-node 4.22.0) with npm into
                     a per-user folder that "auto" uses [--gpu] [--prefix DIR]
  slurm CONFIG       Write a Slurm job for the grid: an sbatch array (one task per shard), a merge
                     job queued after it, a frozen copy of the config, and submit.sh to queue
                     both. Files go to .ssad/slurm/<id>/ next to CONFIG. Submits nothing.
  k8s CONFIG         Write Kubernetes manifests for the grid: an Indexed Job (one pod per shard)
                     with the config in a ConfigMap, a merge Job, a claim for the run folders, a
                     pod for kubectl cp; prints the kubectl steps. Files go to .ssad/k8s/<id>/
                     next to CONFIG. Talks to no cluster.

Options for run:
  --out DIR          Parent folder for run folders (default: .ssad/runs beside the config)
  --parallel N       Training processes at once (default: runtime.parallelism, else CPU cores)
  --backend NAME     auto | node | wasm | cpu (default: runtime.backend)
  --quiet            Print only the final matrix (and skipped images, warnings, errors)
  --resume RUN_DIR   Train again only the cells of an interrupted, failed or canceled run, in its
                     own folder, after checking that its config and custom modules are unchanged
                     (CONFIG is optional: by default the config file the run came from)
  --shard I/N        Train only shard I of N (0 ≤ I < N, e.g. $SLURM_ARRAY_TASK_ID/N) of the
                     grid's cells, into <id>-shard-I-of-N; a resumed shard stays that shard

Options for slurm:
  --shards N         Array tasks; task i trains shard i/N of the cells (required)
  --cpus C           CPUs of each task, and its training processes at once (default 1)
  --partition P      #SBATCH --partition of both jobs (default: the cluster's)
  --time T           #SBATCH --time of both jobs: MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS
  --gres G           #SBATCH --gres of each shard task, e.g. gpu:1
  --mem M            #SBATCH --mem of each shard task, e.g. 8G
  --out DIR          The job folder, new or empty (default: .ssad/slurm/<id> beside the config)
  --ssad CMD         Shell text that runs ssad on the nodes, e.g. ssad when installed there
                     (default: this node binary and CLI script, by absolute path)

Options for k8s:
  --shards N         Pods of the Indexed Job; pod i trains shard i/N of the cells (required)
  --image IMAGE      The ssad image the pods run, built from docker/Dockerfile (required)
  --gpu              One nvidia.com/gpu per shard pod, native TensorFlow required (--backend node)
  --parallelism P    Shard pods at once (default: N, all; the scheduler queues what does not fit)
  --cpus C           CPU request and limit of each shard pod, and its training processes (default 2)
  --memory M         Memory request and limit of each shard pod, e.g. 8Gi (default 4Gi)
  --pvc NAME         An existing ReadWriteMany claim for the run folders (default: pvc.yaml makes
                     ssad-runs, 20Gi)
  --data DIR         Where a folder data set (dataset.source "folder") lies on the claim, under
                     /runs (required for such configs; the steps copy it there)
  --out DIR          The manifests' folder, new or empty (default: .ssad/k8s/<id> beside the config)

Options for backend install:
  --gpu              @tensorflow/tfjs-node-gpu (CUDA; Linux and Windows x64)
  --prefix DIR       Install there instead (then set SSAD_NATIVE_BACKEND_PATH=DIR)

Options:
  --version          Print the version of ssad and exit
  -h, --help         Show this help

Exit codes: 0 completed, 1 run failed, 2 bad usage or invalid config, 130 interrupted.`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        parallel: { type: 'string' },
        backend: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        resume: { type: 'string' },
        shard: { type: 'string' },
        class: { type: 'string' },
        mode: { type: 'string' },
        gpu: { type: 'boolean' },
        prefix: { type: 'string' },
        shards: { type: 'string' },
        cpus: { type: 'string' },
        partition: { type: 'string' },
        time: { type: 'string' },
        gres: { type: 'string' },
        mem: { type: 'string' },
        ssad: { type: 'string' },
        image: { type: 'string' },
        parallelism: { type: 'string' },
        memory: { type: 'string' },
        pvc: { type: 'string' },
        data: { type: 'string' },
        feature: { type: 'string' },
        distance: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`ssad: ${(error as Error).message}\n\n${USAGE}\n`);
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const [command, ...rest] = positionals;
  if (values.version) {
    process.stdout.write(`${SSAD_VERSION}\n`);
    return EXIT.ok;
  }
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return values.help ? EXIT.ok : EXIT.usage;
  }
  switch (command) {
    case 'run':
      if (values.resume !== undefined ? rest.length > 1 : rest.length !== 1) return usageError('run needs exactly one CONFIG (optional with --resume RUN_DIR)');
      return runCommand(rest[0], values);
    case 'merge':
      if (rest.length < 2) return usageError('merge needs OUT (the run folder to create) and at least one shard run folder DIR');
      return mergeCommand(rest[0], rest.slice(1));
    case 'validate':
      if (rest.length !== 1) return usageError('validate needs exactly one CONFIG');
      return validateCommand(rest[0]);
    case 'diagnose':
      if (rest.length !== 1) return usageError('diagnose needs exactly one CONFIG');
      return diagnoseCommand(rest[0], values);
    case CHECK_MODULE_COMMAND:
      return checkModuleCommand(rest[0] ?? '.', rest[1] ?? '""');
    case 'augmentations':
      return augmentationsCommand();
    case 'samples':
      return samplesCommand(values);
    case 'backend':
      return backendCommand(rest, values);
    case 'slurm':
      if (rest.length !== 1) return usageError('slurm needs exactly one CONFIG');
      return slurmCommand(rest[0], values);
    case 'k8s':
      if (rest.length !== 1) return usageError('k8s needs exactly one CONFIG');
      return k8sCommand(rest[0], values);
    default:
      return usageError(`unknown command "${command}"`);
  }
}

function usageError(message: string): number {
  process.stderr.write(`ssad: ${message}\n\n${USAGE}\n`);
  return EXIT.usage;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      // One line for the user; the stack only when asked for (SSAD_DEBUG=1).
      const text = error instanceof Error ? (process.env.SSAD_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
      process.stderr.write(`ssad: ${text}\n`);
      process.exitCode = EXIT.failed;
    },
  );
}
