import { readFile, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChartId, DataExportFormat } from '../../shared/protocol';
import { matrixCsv, matrixExportRows, matrixJson } from '../../shared/resultsView/csv';
import { heatmapSvg } from '../../shared/resultsView/heatmapSvg';
import { buildMatrix, METRIC_LABELS, type MatrixMetric } from '../../shared/resultsView/matrix';
import type { RunResults } from '../../shared/results';
import { augmentationCategories } from './categories';
import { renderReportHtml } from './reportHtml';

export type ExportFormat = DataExportFormat | 'png';

const FILTERS: Record<ExportFormat, Record<string, string[]>> = {
  csv: { CSV: ['csv'] },
  json: { JSON: ['json'] },
  svg: { SVG: ['svg'] },
  html: { 'HTML report': ['html'] },
  png: { PNG: ['png'] },
};

/** The file a format is written to by default, next to the run. */
function defaultName(run: { runDir: string; results: RunResults }, format: ExportFormat, chart?: ChartId): vscode.Uri {
  const stem = format === 'png' ? `${run.results.id}-${chart ?? 'chart'}` : format === 'html' ? `${run.results.id}-report` : `${run.results.id}-matrix`;
  return vscode.Uri.file(path.join(run.runDir, `${stem}.${format}`));
}

/** Asks where to save unless the caller (a test, a script) passed a path. */
export async function chooseTarget(
  run: { runDir: string; results: RunResults },
  format: ExportFormat,
  target: string | undefined,
  chart?: ChartId,
): Promise<string | undefined> {
  if (target) return target;
  const uri = await vscode.window.showSaveDialog({ defaultUri: defaultName(run, format, chart), filters: FILTERS[format], title: `Export ${format.toUpperCase()}` });
  return uri?.fsPath;
}

/** The bytes of a data export: pure apart from reading samples.png for the report. */
export async function dataExport(run: { runDir: string; results: RunResults }, format: DataExportFormat, metric: MatrixMetric): Promise<string> {
  const categories = augmentationCategories(run.results.augmentations);
  switch (format) {
    case 'csv':
      return matrixCsv(matrixExportRows(run.results, categories));
    case 'json':
      return matrixJson(run.results, matrixExportRows(run.results, categories));
    case 'svg':
      return heatmapSvg(buildMatrix(run.results, categories, metric), `${run.results.name}: ${METRIC_LABELS[metric]}`);
    case 'html': {
      let samples: string | undefined;
      if (run.results.samplesFile) {
        samples = await readFile(path.join(run.runDir, run.results.samplesFile)).then((b) => b.toString('base64'), () => undefined);
      }
      return renderReportHtml(run.results, categories, samples);
    }
  }
}

export async function writeExport(file: string, content: string | Buffer): Promise<void> {
  await writeFile(file, content);
}

/** A PNG data URL from the webview's canvas → bytes. */
export function pngBytes(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}
