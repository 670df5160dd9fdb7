import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { listAugmentations, resolveAugmentation } from '../engine/cliApi';
import { loadDataset } from '../engine/cliApi';
import { selectImages } from '../engine/cliApi';
import { renderSampleSheet, type SampleSheetRow } from '../engine/cliApi';
import { Rng } from '../engine/cliApi';
import { describeFsError, writeFileAtomic } from '../engine/cliApi';
import { EXIT } from './exitCodes';
import { errorMessage } from '../shared/errorMessage';

export interface SamplesFlags {
  out?: string;
  class?: string;
  mode?: string;
}

/**
 * A sample sheet of MNIST test digits under every catalogue function: a first look at what each
 * augmentation does (training mode) or what anomaly it makes (always-apply mode).
 */
export async function samplesCommand(flags: SamplesFlags): Promise<number> {
  const digit = flags.class === undefined ? 7 : Number(flags.class);
  if (!Number.isInteger(digit) || digit < 0 || digit > 9) {
    process.stderr.write(`ssad: --class must be a digit 0–9, got "${flags.class}"\n`);
    return EXIT.usage;
  }
  const mode = flags.mode ?? 'train';
  if (mode !== 'train' && mode !== 'anomaly') {
    process.stderr.write(`ssad: --mode must be train or anomaly, got "${mode}"\n`);
    return EXIT.usage;
  }
  const out = flags.out ?? `samples-mnist-${digit}-${mode}.png`;
  const unusable = outputProblem(out);
  if (unusable) {
    process.stderr.write(`ssad: cannot write ${out}: ${unusable}\n`);
    return EXIT.usage;
  }
  const data = await loadDataset({ source: 'mnist', normalClasses: [digit], imageSize: 32 }, { seed: 0 });
  const picks: number[] = [];
  for (let i = 0; i < data.test.labels.length && picks.length < 8; i++) if (data.test.labels[i] === digit) picks.push(i);
  const images = selectImages(data.test.images, picks);
  const rows: SampleSheetRow[] = [{ label: `mnist ${digit}`, images }];
  for (const def of listAugmentations()) {
    const aug = resolveAugmentation(def.name);
    rows.push({ label: aug.id, images: aug.definition.apply(images, aug.params, new Rng(0, 'samples', aug.id), mode) });
  }
  try {
    writeFileAtomic(out, renderSampleSheet(rows, { title: `catalogue, ${mode} mode` }));
  } catch (error) {
    process.stderr.write(`ssad: ${errorMessage(error)}\n`);
    return EXIT.usage;
  }
  process.stdout.write(`Wrote ${out}\n`);
  return EXIT.ok;
}

/** Why `file` cannot be written (checked before the work, so a typo fails at once), if it cannot. */
function outputProblem(file: string): string | undefined {
  const path = resolve(file);
  try {
    if (statSync(path).isDirectory()) return 'it is a folder; give a file name (--out FILE.png)';
  } catch {
    // Not there yet: its folder decides.
  }
  try {
    if (!statSync(dirname(path)).isDirectory()) return `${dirname(path)} is a file, not a folder`;
  } catch (error) {
    return `its folder ${dirname(path)} cannot be used: ${describeFsError(error)}`;
  }
  return undefined;
}
