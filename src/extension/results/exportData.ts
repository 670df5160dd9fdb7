/**
 * The bytes of a data export (CSV, JSON, SVG, the HTML report) and the rule for where a scripted
 * export may write. No vscode here, so both are unit-tested in plain Node.
 */
import { writeFile } from 'node:fs/promises';
import { leadsInside, readRunFile, readRunNotes } from '../../engine/api';
import type { DataExportFormat } from '../../shared/protocol';
import { matrixCsv, matrixExportRows, matrixJson } from '../../shared/resultsView/csv';
import { heatmapSvg } from '../../shared/resultsView/heatmapSvg';
import { latexComparisonTable, latexTable, markdownComparisonTable, markdownTable, type ComparedRun } from '../../shared/resultsView/paperTable';
import { buildMatrix, METRIC_LABELS, type MatrixMetric } from '../../shared/resultsView/matrix';
import type { RunOnDisk, RunResults } from '../../shared/results';
import type { RunNotes } from '../../shared/runNotes';
import { augmentationCategories } from './categories';
import { renderReportHtml } from './reportHtml';
import { scaleText } from './runView';

/**
 * The bytes of a data export. The report inlines the run's sample sheet, read only from inside
 * the run folder: a `samplesFile` that leads elsewhere (`../../.ssh/id_rsa`, a symbolic link out)
 * is left out, so a crafted run folder cannot smuggle another file into a report.
 */
export async function dataExport(run: RunOnDisk, format: DataExportFormat, metric: MatrixMetric): Promise<string> {
  const categories = augmentationCategories(run.results.augmentations);
  switch (format) {
    case 'csv':
      return matrixCsv(matrixExportRows(run.results, categories));
    case 'json':
      return matrixJson(run.results, matrixExportRows(run.results, categories), notesOrNone(run.runDir));
    case 'latex':
      return latexTable(run.results, categories, scaleText(run.results));
    case 'markdown':
      return markdownTable(run.results, categories, scaleText(run.results));
    case 'svg':
      return heatmapSvg(buildMatrix(run.results, categories, metric), `${run.results.name}: ${METRIC_LABELS[metric]}`);
    case 'html': {
      let samples: string | undefined;
      if (run.results.samplesFile) {
        try {
          const bytes = readRunFile(run.runDir, run.results.samplesFile);
          // Only a PNG is inlined (as a data:image/png URI); anything else is not a sample sheet.
          if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) samples = bytes.toString('base64');
        } catch {
          samples = undefined;
        }
      }
      return renderReportHtml(run.results, categories, samples, notesOrNone(run.runDir));
    }
  }
}

/** The paper table of a comparison (the compare view's runs, in its order: A first). */
export function comparisonExport(runs: ReadonlyArray<{ results: RunResults }>, format: 'latex' | 'markdown'): string {
  const compared: ComparedRun[] = runs.map(({ results }) => ({ results, categories: augmentationCategories(results.augmentations), scaleText: scaleText(results) }));
  return format === 'latex' ? latexComparisonTable(compared) : markdownComparisonTable(compared);
}

/** The run's notes for an export; a broken notes.json leaves them out rather than failing it. */
function notesOrNone(runDir: string): RunNotes | undefined {
  try {
    const notes = readRunNotes(runDir);
    return notes.note || notes.tags.length > 0 ? notes : undefined;
  } catch {
    return undefined;
  }
}

export async function writeExport(file: string, content: string | Buffer): Promise<void> {
  await writeFile(file, content);
}

/** Whether `target` lies inside one of `folders` (symbolic links resolved). */
export function insideFolders(target: string, folders: readonly string[]): boolean {
  return folders.some((folder) => leadsInside(folder, target));
}
