import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseK8sFlags } from '../../cli/k8s/flags';
import { stepCommands, writeK8sJob } from '../../cli/k8sJob';
import { parseSlurmFlags } from '../../cli/slurmFlags';
import { writeSlurmJob } from '../../cli/slurmJob';
import { customModuleRefs } from '../../engine/api';
import type { ExperimentConfig } from '../../shared/config';
import { pickConfigUri } from '../config/pickConfig';
import { findConfigFiles, summarizeErrors, validateConfigDocument } from '../config/configFiles';
import { checkModulesInChildren } from './checkModulesInChildren';
import {
  claimDataProblem,
  defaultClaimData,
  imageProblem,
  jobFolderHint,
  readAnswers,
  shardCountProblem,
  shardsPrompt,
  ssadCommandForNodes,
  type ClusterJobAnswers,
  type Scheduler,
} from './clusterJobInputs';

/** What Export Cluster Job settles with (for callers such as tests; the user sees messages). */
export type ClusterJobOutcome =
  | {
      outcome: 'written';
      scheduler: Scheduler;
      /** The job folder (Slurm) or the manifests' folder (Kubernetes). */
      folder: string;
      /** Every file written, by absolute path. */
      files: string[];
      /** The file opened in an editor: submit.sh or steps.txt. */
      opened: string;
      /** What to run next: the submit command, or the kubectl commands one per line. */
      command: string;
    }
  /** The config or an answer is not valid, or the job cannot be written as asked; nothing was written. */
  | { outcome: 'invalid'; message: string }
  /** Writing failed part-way (a full disk, a folder without write permission). */
  | { outcome: 'failed'; message: string };

export interface ClusterJobDeps {
  extensionPath: string;
  output: vscode.LogOutputChannel;
}

interface Checked {
  uri: vscode.Uri;
  name: string;
  config: ExperimentConfig;
  baseDir: string;
  /** Whether custom modules were left unloaded (Restricted Mode), to say so. */
  modulesUnchecked: boolean;
}

const SCHEDULER_NAMES: Record<Scheduler, string> = { slurm: 'Slurm', kubernetes: 'Kubernetes' };

/**
 * `SSAD: Export Cluster Job`: writes what `ssad slurm` or `ssad k8s` writes for a config, into the
 * same default folders beside it, opens submit.sh or steps.txt and says the command to run. It
 * submits nothing and runs nothing on a cluster. In a trusted workspace it loads the config's
 * custom modules first, as the CLI does; in Restricted Mode it checks them as Validate Config does,
 * without running them.
 *
 * `answers` (scripts, tests) skips the prompts it covers: `{ scheduler, shards, image, data, ssad }`;
 * given alone, as the first argument, it applies to the active config (or the one picked).
 */
export async function exportClusterJob(deps: ClusterJobDeps, target?: unknown, answersArg?: unknown): Promise<ClusterJobOutcome | undefined> {
  // Answers alone (no config) may come first: the config is then the active one, or a pick.
  const answersFirst = answersArg === undefined ? readAnswers(target) : undefined;
  const given = answersFirst ?? readAnswers(answersArg);
  if (given && !given.ok) return invalid(vscode.l10n.t('SSAD: Export Cluster Job: {0}', given.error));
  const answers: ClusterJobAnswers = given?.answers ?? {};
  const uri = await pickConfigUri(answersFirst ? undefined : target, findConfigFiles, vscode.l10n.t('Config to export as a cluster job'));
  if (!uri) return undefined;
  const checked = await checkConfig(deps, uri);
  if ('outcome' in checked) return checked;

  const scheduler = answers.scheduler ?? (await askScheduler(checked.name));
  if (!scheduler) return undefined;
  const cliScript = path.join(deps.extensionPath, 'dist', 'cli.js');
  const ssad = answers.ssad ?? ssadCommandForNodes({ execPath: process.execPath, electron: process.versions.electron !== undefined, cliScript });
  const shards = answers.shards ?? (await askShards(scheduler, checked.name, ssad));
  if (shards === undefined) return undefined;
  if (scheduler === 'slurm') return exportSlurm(deps, checked, shards, ssad);

  const image = answers.image ?? (await askImage(checked.name));
  if (image === undefined) return undefined;
  const dataset = checked.config.dataset;
  let data = answers.data;
  if (dataset.source === 'folder' && data === undefined) {
    data = await askClaimData(dataset.path, checked.name);
    if (data === undefined) return undefined;
  }
  return exportKubernetes(deps, checked, { shards, image, data });
}

function invalid(message: string): ClusterJobOutcome {
  void vscode.window.showErrorMessage(message);
  return { outcome: 'invalid', message };
}

/** Saves, validates as Run Experiment does, and (trusted only) loads the custom modules. */
async function checkConfig(deps: ClusterJobDeps, uri: vscode.Uri): Promise<Checked | ClusterJobOutcome> {
  const document = await vscode.workspace.openTextDocument(uri);
  // The job copies the file on disk: what the editor shows must be what it copies.
  if (document.isDirty) await document.save();
  const name = path.basename(uri.fsPath);
  const checked = validateConfigDocument(document);
  if (!checked.ok) return invalid(vscode.l10n.t('SSAD: {0} is not a valid config: {1}', name, summarizeErrors(checked.errors)));
  const baseDir = path.dirname(uri.fsPath);
  const hasModules = customModuleRefs(checked.config).length > 0;
  if (hasModules && vscode.workspace.isTrusted) {
    const cliScript = path.join(deps.extensionPath, 'dist', 'cli.js');
    const problems = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('SSAD: loading the custom modules of {0}', name) },
      () => checkModulesInChildren(cliScript, checked.config, baseDir),
    );
    if (problems.length > 0) {
      for (const p of problems) deps.output.error(`${name}: ${p}`);
      const problem = problems.length > 1 ? vscode.l10n.t('{0} (and {1} more: see the SSAD output)', problems[0], problems.length - 1) : problems[0];
      return invalid(vscode.l10n.t('SSAD: {0} is not a valid config: {1}', name, problem));
    }
  }
  return { uri, name, config: checked.config, baseDir, modulesUnchecked: hasModules && !vscode.workspace.isTrusted };
}

async function askScheduler(name: string): Promise<Scheduler | undefined> {
  const items: Array<vscode.QuickPickItem & { scheduler: Scheduler }> = [
    { label: 'Slurm', description: vscode.l10n.t('an sbatch array (one task per shard) and a merge job; submit.sh queues both'), detail: vscode.l10n.t('Written to {0}', jobFolderHint('slurm')), scheduler: 'slurm' },
    { label: 'Kubernetes', description: vscode.l10n.t('an Indexed Job (one pod per shard), a merge Job and the kubectl steps'), detail: vscode.l10n.t('Written to {0}', jobFolderHint('kubernetes')), scheduler: 'kubernetes' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Export {0} as a cluster job', name), placeHolder: vscode.l10n.t('Scheduler'), ignoreFocusOut: true });
  return picked?.scheduler;
}

async function askShards(scheduler: Scheduler, name: string, ssad: string): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Export {0} as a {1} job: number of shards', name, SCHEDULER_NAMES[scheduler]),
    prompt: shardsPrompt(scheduler, ssad),
    placeHolder: vscode.l10n.t('e.g. 4'),
    validateInput: (value) => shardCountProblem(value, scheduler),
    ignoreFocusOut: true,
  });
  return text === undefined ? undefined : Number(text.trim());
}

async function askImage(name: string): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Export {0} as a Kubernetes job: image', name),
    prompt: vscode.l10n.t('The ssad image the pods run: built from docker/Dockerfile and pushed where the cluster pulls from.'),
    placeHolder: 'registry.example.com/ssad:0.1.0',
    validateInput: imageProblem,
    ignoreFocusOut: true,
  });
  return text?.trim();
}

async function askClaimData(datasetPath: string, name: string): Promise<string | undefined> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Export {0} as a Kubernetes job: data set on the claim', name),
    prompt: vscode.l10n.t('The pods read the data set folder {0} from the claim mounted at /runs: where it goes there (the steps copy it).', datasetPath),
    value: defaultClaimData(datasetPath),
    validateInput: claimDataProblem,
    ignoreFocusOut: true,
  });
  return text?.trim();
}

async function exportSlurm(deps: ClusterJobDeps, c: Checked, shards: number, ssad: string): Promise<ClusterJobOutcome> {
  const flags = parseSlurmFlags({ shards: String(shards), ssad });
  if (!flags.ok) return invalid(vscode.l10n.t('SSAD: Export Cluster Job: {0}', flags.error));
  const written = writeSlurmJob({ configFile: c.uri.fsPath, config: c.config, baseDir: c.baseDir, resources: flags.resources, ssad });
  if (!written.ok) return invalid(vscode.l10n.t('SSAD: cannot write a Slurm job for {0}: {1}', c.name, written.problems.join('; ')));
  const { job } = written;
  const submit = path.join(job.jobDir, 'submit.sh');
  const files = [...job.scripts, job.configCopy, ...job.modules.map((m) => path.join(path.dirname(job.configCopy), m.to))];
  deps.output.info(`Wrote a Slurm job for "${c.config.name}" (${shards} array task${shards === 1 ? '' : 's'}, then a merge job) to ${job.jobDir}; the nodes run ${ssad}.`);
  for (const p of job.readInPlace) deps.output.info(`Not copied: ${p}, an absolute path, is read from its place when the job runs.`);
  deps.output.info(`Submit with: ${job.submitCommand}`);
  await vscode.window.showTextDocument(vscode.Uri.file(submit), { preview: false });
  const tasks = shards === 1 ? vscode.l10n.t('1 array task') : vscode.l10n.t('{0} array tasks', shards);
  notify(
    vscode.l10n.t("SSAD: wrote a Slurm job for {0} ({1}, then a merge job) to {2}.{3} On the cluster's login node, submit it with: {4}", c.config.name, tasks, shown(job.jobDir), uncheckedNote(c), job.submitCommand),
    vscode.l10n.t('Copy Command'),
    job.submitCommand,
  );
  return { outcome: 'written', scheduler: 'slurm', folder: job.jobDir, files, opened: submit, command: job.submitCommand };
}

async function exportKubernetes(deps: ClusterJobDeps, c: Checked, answers: { shards: number; image: string; data?: string }): Promise<ClusterJobOutcome> {
  const flags = parseK8sFlags({ shards: String(answers.shards), image: answers.image, data: answers.data });
  if (!flags.ok) return invalid(vscode.l10n.t('SSAD: Export Cluster Job: {0}', flags.error));
  // The steps name files relative to the workspace folder: where a terminal opens.
  const shownFrom = vscode.workspace.getWorkspaceFolder(c.uri)?.uri.fsPath ?? c.baseDir;
  const written = writeK8sJob({ configFile: c.uri.fsPath, config: c.config, baseDir: c.baseDir, settings: flags.settings, now: new Date(), shownFrom });
  if (!written.ok) return invalid(vscode.l10n.t('SSAD: cannot write Kubernetes manifests for {0}: {1}', c.name, written.error));
  const { job } = written;
  const steps = path.join(job.outDir, 'steps.txt');
  const commands = stepCommands(job.steps);
  deps.output.info(`Wrote ${job.files.join(', ')} to ${job.outDir}: job ${job.manifests.jobName}, ${answers.shards} shard(s) of ${job.configName}, image ${answers.image}.`);
  deps.output.info(`Next, with kubectl for your cluster, from ${shownFrom}:\n${job.steps.map((line) => `  ${line}`).join('\n')}`);
  await vscode.window.showTextDocument(vscode.Uri.file(steps), { preview: false });
  const shardCount = answers.shards === 1 ? vscode.l10n.t('1 shard') : vscode.l10n.t('{0} shards', answers.shards);
  notify(
    vscode.l10n.t('SSAD: wrote Kubernetes manifests for {0} (job {1}, {2}) to {3}.{4} Run the kubectl steps of steps.txt from the workspace folder, starting with: {5}', c.config.name, job.manifests.jobName, shardCount, shown(job.outDir), uncheckedNote(c), commands[0]),
    vscode.l10n.t('Copy Commands'),
    commands.join('\n'),
  );
  return { outcome: 'written', scheduler: 'kubernetes', folder: job.outDir, files: job.files.map((f) => path.join(job.outDir, f)), opened: steps, command: commands.join('\n') };
}

/** A notification that copies `text` on its button; not awaited, so commands settle at once. */
function notify(message: string, button: string, text: string): void {
  void vscode.window.showInformationMessage(message, button).then(async (choice) => {
    if (choice === button) await vscode.env.clipboard.writeText(text);
  });
}

function uncheckedNote(c: Checked): string {
  return c.modulesUnchecked ? ` ${vscode.l10n.t('Its custom modules were not loaded to check them (Restricted Mode): the shards load them.')}` : '';
}

function shown(folder: string): string {
  return vscode.workspace.asRelativePath(folder, false);
}
