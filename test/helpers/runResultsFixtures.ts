import type { CellResult, MetricSet, RunResults } from '../../src/shared/results';

export function metric(auroc: number): MetricSet {
  return { auroc, ap: auroc, f1AtK: 0, precisionAtK: 0 };
}

export function cell(id: string, augmentation: string, metrics?: Record<string, number>): CellResult {
  return {
    id,
    augmentation,
    seed: 0,
    normalClass: '7',
    status: metrics ? 'completed' : 'pending',
    loss: [],
    metrics: metrics && Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, metric(v)])),
  };
}

export function results(cells: CellResult[], summary: RunResults['summary'] = []): RunResults {
  return {
    schemaVersion: 1,
    id: 'run-1',
    name: 'quickstart',
    config: {} as RunResults['config'],
    status: 'running',
    createdAt: '2026-11-28T23:40:00.000Z',
    scale: { trainImages: 64, testImages: 16, epochs: 2, parallelism: 2 },
    augmentations: ['none', 'flip'],
    anomalyTypes: ['flip', 'cutout'],
    normalClasses: ['7'],
    cells,
    summary,
  };
}

export function summaryEntry(augmentation: string, anomalyType: string, auroc: number): RunResults['summary'][number] {
  const stat = { mean: auroc, std: 0, n: 1 };
  return { augmentation, anomalyType, metrics: { auroc: stat, ap: stat, f1AtK: stat, precisionAtK: stat } };
}
