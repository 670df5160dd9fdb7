import type { TestbedConfig } from '../../shared/config';
import type { CellResult, RunResults } from '../../shared/results';
import { summarizeSelection } from './selectionSummary';
import { summarize } from './summary';

/** Everything of `results.json` that is derived from the cells: the metric summary and the label-free selection. */
export function summarizeRun(
  cells: readonly CellResult[],
  augmentations: readonly string[],
  anomalyTypes: readonly string[],
  testbedType: TestbedConfig['type'],
): Pick<RunResults, 'summary' | 'selection'> {
  return { summary: summarize(cells, augmentations, anomalyTypes, testbedType), selection: summarizeSelection(cells, augmentations, anomalyTypes) };
}
