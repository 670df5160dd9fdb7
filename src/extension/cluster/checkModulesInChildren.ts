/**
 * Loads each custom augmentation module of a config as `ssad slurm` and `ssad k8s` do before they
 * write a job (a job that fails on the cluster costs far more than a refusal here): in a child
 * process of the bundled CLI each, with the config's time limit. Asynchronous, so the extension
 * host never waits on module code. Only in a trusted workspace: it runs the workspace's code.
 */
import { fork } from 'node:child_process';
import { customModuleRefs } from '../../engine/api';
import { checkModuleArgs, moduleCheckProblem, moduleCheckSeconds, type ModuleCheckEnd } from '../../cli/moduleCheckProtocol';
import type { AugmentationRef, ExperimentConfig } from '../../shared/config';

export async function checkModulesInChildren(cliScript: string, config: ExperimentConfig, baseDir: string): Promise<string[]> {
  const timeoutSeconds = moduleCheckSeconds(config);
  const problems: string[] = [];
  for (const { field, ref } of customModuleRefs(config)) {
    const end = await checkOne(cliScript, baseDir, ref, timeoutSeconds * 1000);
    const problem = moduleCheckProblem(field, ref, end, timeoutSeconds);
    if (problem) problems.push(problem);
  }
  return problems;
}

function checkOne(cliScript: string, baseDir: string, ref: AugmentationRef, timeoutMs: number): Promise<ModuleCheckEnd> {
  return new Promise((resolve) => {
    const child = fork(cliScript, checkModuleArgs(baseDir, ref), { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], env: { ...process.env, SSAD_DEBUG: '' } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout?.on('data', (chunk: Buffer) => (stdout = (stdout + chunk.toString()).slice(-4000)));
    child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, signal: null, stdout, stderr: `${stderr}\n${error.message}`, timedOut });
    });
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, timedOut });
    });
  });
}
