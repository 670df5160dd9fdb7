/**
 * `ssad diagnose CONFIG [--feature pixels|randomConv] [--distance energy|mmd] [--json]`: before
 * anything trains, which training augmentation moves the training normals towards the unlabeled
 * test set? For each augmentation, the ratio D(augmented train normals, test) / D(train normals,
 * test) in a fixed feature space, mean ± std over the config's tasks; then, reading the test
 * labels (and saying so), the same ratio per anomaly type. Seconds, not the minutes of a run.
 * The config is checked as `ssad run` checks it; the data set and custom modules load here.
 */
import { checkModules } from './checkModules';
import { readConfigFile } from './configFile';
import { EXIT } from './exitCodes';
import { runtimeLimits } from '../engine/api';
import { createModuleResolver } from '../engine/cliApi';
import { loadDataset } from '../engine/cliApi';
import { DEFAULT_DIAGNOSIS_DISTANCE, DEFAULT_DIAGNOSIS_FEATURE, diagnoseAlignment, DISTANCE_NAMES, FEATURE_SPACES } from '../engine/cliApi';
import type { Diagnosis, DiagnosisDistance, DiagnosisFeature, DiagnosisRow } from '../shared/diagnosis';

export interface DiagnoseFlags {
  feature?: string;
  distance?: string;
  json?: boolean;
}

const FEATURES: readonly DiagnosisFeature[] = FEATURE_SPACES;
const DISTANCES: readonly DiagnosisDistance[] = DISTANCE_NAMES;

function usage(message: string): number {
  process.stderr.write(`ssad: ${message}\n`);
  return EXIT.usage;
}

export async function diagnoseCommand(file: string, flags: DiagnoseFlags): Promise<number> {
  const feature = (flags.feature ?? DEFAULT_DIAGNOSIS_FEATURE) as DiagnosisFeature;
  if (!FEATURES.includes(feature)) return usage(`--feature must be one of ${FEATURES.join(', ')}, got "${flags.feature}"`);
  const distance = (flags.distance ?? DEFAULT_DIAGNOSIS_DISTANCE) as DiagnosisDistance;
  if (!DISTANCES.includes(distance)) return usage(`--distance must be one of ${DISTANCES.join(', ')}, got "${flags.distance}"`);

  const loaded = readConfigFile(file);
  if (loaded.report) process.stderr.write(`${loaded.report}\n`);
  if (!loaded.ok) return EXIT.usage;
  const { config, baseDir } = loaded;
  // Module code may loop or end its process: each is loaded first in a child of its own, as
  // `ssad validate` does, and only then here.
  const problems = checkModules(config, baseDir, process.argv[1]);
  if (problems.length > 0) {
    process.stderr.write(`${file}: invalid — ${problems.length} custom module problem(s):\n${problems.map((p) => `  ${p.message}`).join('\n')}\n`);
    return EXIT.usage;
  }

  const started = performance.now();
  const dataset = await loadDataset(config.dataset, {
    seed: config.seeds[0],
    baseDir,
    maxImagePixels: runtimeLimits(config.runtime).maxImagePixels,
  });
  const loadSeconds = (performance.now() - started) / 1000;
  if (dataset.skipped.length > 0) {
    process.stderr.write(`ssad: ${dataset.skipped.length} image file${dataset.skipped.length === 1 ? ' was' : 's were'} skipped, e.g. ${dataset.skipped[0].file}: ${dataset.skipped[0].reason}\n`);
  }
  const diagnosis = diagnoseAlignment(config, dataset, { resolveModule: createModuleResolver(baseDir), feature, distance });
  process.stdout.write(flags.json ? `${JSON.stringify(diagnosis, null, 2)}\n` : `${formatDiagnosis(diagnosis, loadSeconds)}\n`);
  return EXIT.ok;
}

const DISTANCE_TEXT: Record<DiagnosisDistance, string> = {
  energy: 'energy distance',
  mmd: 'MMD² (RBF kernel, median-heuristic bandwidth per task)',
};

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "300", or "120–300" when the tasks differ. */
function spread(values: readonly number[]): string {
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  return lo === hi ? count(lo) : `${count(lo)}–${count(hi)}`;
}

function seconds(s: number): string {
  return `${s.toFixed(s < 1 ? 2 : 1)} s`;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function stat(row: DiagnosisRow, s: { mean: number; std: number }): string {
  return row.byConstruction ? '1' : `${s.mean.toFixed(3)} ± ${s.std.toFixed(3)}`;
}

/** The pick, and the runner-up when the two are closer than the spread over the tasks. */
function pickLine(d: Diagnosis): string {
  if (!d.pick) return 'label-free pick: none (the config lists no augmentation other than "none")';
  const text = `label-free pick: ${d.pick.augmentation} (ratio ${d.pick.ratio.toFixed(2)})`;
  const [first, second] = d.rows.filter((r) => !r.byConstruction);
  if (!second || second.ratio.mean - first.ratio.mean >= Math.max(first.ratio.std, second.ratio.std)) return text;
  return `${text}; ${second.augmentation} (${second.ratio.mean.toFixed(2)}) is within one std of it`;
}

/** The table `ssad diagnose` prints. */
export function formatDiagnosis(d: Diagnosis, loadSeconds?: number): string {
  const tasks = d.sizes.perTask;
  const seeds = new Set(tasks.map((t) => t.seed)).size;
  const classes = new Set(tasks.map((t) => t.normalClass)).size;
  const typeSizes = tasks.flatMap((t) => Object.values(t.perType));
  const lines = [
    `Alignment diagnosis of "${d.config}" before training: ${DISTANCE_TEXT[d.distance]} in ${d.feature} features (${count(d.featureDimension)} values per image)`,
    `${plural(d.tasks, 'task')} (${plural(seeds, 'seed')} × ${plural(classes, 'normal class', 'normal classes')}); images per task, at most ${count(d.sizes.limit)} per set: ` +
      `train ${spread(tasks.map((t) => t.train))} of ${spread(tasks.map((t) => t.trainAvailable))}, ` +
      `test ${spread(tasks.map((t) => t.test))} of ${spread(tasks.map((t) => t.testAvailable))}` +
      (typeSizes.length > 0 ? `, per anomaly type ${spread(typeSizes)}` : ''),
    `ratio = D(augmented train normals, test) / D(train normals, test), mean ± std over the tasks; training augmentations applied once, in training mode`,
    '',
  ];
  const labelFree = 'test (label-free)';
  const table = d.rows.map((r) => [r.augmentation, r.byConstruction ? '1 (by construction)' : stat(r, r.ratio), ...d.anomalyTypes.map((t) => (r.perType[t] ? stat(r, r.perType[t]) : '—'))]);
  const header = ['augmentation', labelFree, ...d.anomalyTypes];
  const widths = header.map((h, j) => Math.max(h.length, ...table.map((row) => row[j].length)) + 3);
  const line = (cells: readonly string[]): string => cells.map((c, j) => c.padEnd(widths[j])).join('').trimEnd();
  if (d.anomalyTypes.length > 0) lines.push(' '.repeat(widths[0] + widths[1]) + 'per anomaly type (uses labels):');
  lines.push(line(header), ...table.map(line), '');
  lines.push(pickLine(d));
  lines.push(
    'Below 1, an augmentation makes the training normals look more like the unlabeled test set: a hint, from no labels and no training, that it is aligned with what the test set holds (ssad run measures it).',
  );
  lines.push(`Diagnosed in ${seconds(d.seconds)}${loadSeconds !== undefined ? ` (data loaded in ${seconds(loadSeconds)})` : ''}.`);
  return lines.join('\n');
}
