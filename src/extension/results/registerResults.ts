import * as path from 'node:path';
import * as vscode from 'vscode';
import { isChartId, DATA_EXPORT_FORMATS, PANEL_VIEW_TYPE, type ChartId } from '../../shared/protocol';
import { MATRIX_METRICS, type MatrixMetric } from '../../shared/resultsView/matrix';
import { registerDiagnoseCommand } from '../diagnose/registerDiagnose';
import type { ExtensionServices } from '../services';
import { chooseTarget, comparisonExport, dataExport, pngBytes, writeExport, type ExportFormat } from './exportResults';
import { LiveLoss } from './liveLoss';
import { pickRun, pickRuns } from './pickRun';
import { ResultsPanel, type PanelContext } from './resultsPanel';
import { errorMessage } from '../../shared/errorMessage';
import type { RunOnDisk } from '../../shared/results';

/** Options of `ssad.exportResults` for scripts and tests (a person gets quick picks and a dialog). */
interface ExportOptions {
  chart?: ChartId;
  metric?: MatrixMetric;
}

function asPath(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg) return arg;
  if (arg instanceof vscode.Uri) return arg.fsPath;
  // A runs-tree item may carry its folder.
  const dir = (arg as { runDir?: unknown } | undefined)?.runDir;
  return typeof dir === 'string' ? dir : undefined;
}

function oldestFirst<T extends { results: { createdAt: string } }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => a.results.createdAt.localeCompare(b.results.createdAt));
}

/**
 * The run folders `ssad.compareRuns` was given, in the order to show them: folders or URIs as
 * arguments (A first), an array of them, or the runs view's multi-selection (the clicked node and
 * all selected nodes; shown oldest first, so A is the baseline run). Repeats are dropped.
 */
export function compareArguments(args: readonly unknown[], known: readonly RunOnDisk[]): string[] {
  const selection = args.find((a): a is unknown[] => Array.isArray(a));
  let dirs: string[];
  if (selection && !args.every((a) => typeof a === 'string' || a === undefined || Array.isArray(a))) {
    // The runs view: (clicked node, selected nodes); order by date.
    const chosen = selection.map(asPath).filter((d): d is string => !!d);
    const dated = chosen.map((runDir) => ({ runDir, results: { createdAt: known.find((r) => path.resolve(r.runDir) === path.resolve(runDir))?.results.createdAt ?? '' } }));
    dirs = oldestFirst(dated).map((r) => r.runDir);
  } else {
    dirs = args.flatMap((a) => (Array.isArray(a) ? a : [a])).map(asPath).filter((d): d is string => !!d);
  }
  const seen = new Set<string>();
  return dirs.filter((d) => {
    const key = path.resolve(d);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The `target` of `ssad.exportResults` that copies a text export instead of writing a file. */
const CLIPBOARD = 'clipboard';

export function registerResultsFeature({ context, runs, output }: ExtensionServices): void {
  const live = new LiveLoss();

  async function exportFrom(format: ExportFormat, target: string | undefined, options: ExportOptions = {}): Promise<string | undefined> {
    const panel = ResultsPanel.instance;
    const run = panel?.currentRun() ?? runs.runs()[0];
    if (!run) {
      void vscode.window.showWarningMessage(vscode.l10n.t('SSAD: there is no run to export yet.'));
      return undefined;
    }
    if (format === 'png') {
      if (target === CLIPBOARD) {
        void vscode.window.showWarningMessage(vscode.l10n.t('SSAD: only text exports (CSV, JSON, SVG, HTML, LaTeX, Markdown) can be copied to the clipboard; save the PNG to a file.'));
        return undefined;
      }
      if (!panel) {
        void vscode.window.showWarningMessage(vscode.l10n.t('SSAD: open the results panel to export its charts.'));
        return undefined;
      }
      const chart = options.chart ?? 'heatmap';
      const dataUrl = await panel.requestImage(chart);
      if (!dataUrl) {
        void vscode.window.showErrorMessage(vscode.l10n.t('SSAD: the panel did not draw the {0} chart (is it shown?).', chart));
        return undefined;
      }
      const file = await chooseTarget(run, 'png', target, chart);
      if (file) await writeExport(file, pngBytes(dataUrl));
      return file;
    }
    // A comparison on show: its paper tables hold every compared run; other formats are of run B.
    const compared = format === 'latex' || format === 'markdown' ? panel?.comparedRuns() : undefined;
    const content = async (): Promise<string> =>
      compared && (format === 'latex' || format === 'markdown') ? comparisonExport(compared.runs, format) : dataExport(run, format, options.metric ?? panel?.metric ?? 'auroc');
    if (target === CLIPBOARD) {
      await vscode.env.clipboard.writeText(await content());
      return CLIPBOARD;
    }
    const file = await chooseTarget(run, format, target);
    if (!file) return undefined;
    await writeExport(file, await content());
    return file;
  }

  async function reportExport(promise: Promise<string | undefined>): Promise<void> {
    try {
      const file = await promise;
      if (file === CLIPBOARD) void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: copied to the clipboard'));
      else if (file) void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: saved {0}', file));
    } catch (err) {
      output.error(`Export failed: ${errorMessage(err)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('SSAD: export failed: {0}', errorMessage(err)));
    }
  }

  const ctx: PanelContext = {
    extensionUri: context.extensionUri,
    runs,
    live,
    output,
    onExport: (message) => {
      if (message.type === 'saveImage') {
        const run = ResultsPanel.instance?.currentRun();
        if (!run) return;
        void reportExport(
          chooseTarget(run, 'png', undefined, message.chart).then(async (file) => {
            if (file) await writeExport(file, pngBytes(message.dataUrl));
            return file;
          }),
        );
      } else {
        void reportExport(exportFrom(message.format, undefined));
      }
    },
  };

  registerDiagnoseCommand(context, output, (diagnosis, configFile) => ResultsPanel.show(ctx, { kind: 'diagnosis', diagnosis, configFile }));

  context.subscriptions.push(
    vscode.commands.registerCommand('ssad.openResults', async (arg?: unknown) => {
      const runDir = asPath(arg);
      if (runDir) return void ResultsPanel.show(ctx, { kind: 'run', runDir });
      // A file watcher can lag behind runs copied in or written by the CLI a moment ago.
      runs.refresh();
      const all = runs.runs();
      if (all.length === 0) return void ResultsPanel.show(ctx, null);
      // An open panel keeps its run, unless that run is gone (deleted, or a restored panel's folder removed).
      if (ResultsPanel.instance?.currentRun()) return void ResultsPanel.show(ctx);
      if (all.length === 1) return void ResultsPanel.show(ctx, { kind: 'run', runDir: all[0].runDir });
      const picked = await pickRun(all, vscode.l10n.t('SSAD: Open Results'));
      if (picked) ResultsPanel.show(ctx, { kind: 'run', runDir: picked.runDir });
    }),
    vscode.commands.registerCommand('ssad.compareRuns', async (...args: unknown[]) => {
      runs.refresh();
      const all = runs.runs();
      let runDirs = compareArguments(args, all);
      if (runDirs.length < 2) {
        if (all.length < 2) {
          void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: comparing needs at least two runs in the runs folder.'));
          return;
        }
        const title = runDirs.length === 1 ? vscode.l10n.t('SSAD: Compare {0} with…', path.basename(runDirs[0])) : vscode.l10n.t('SSAD: Compare Runs (two or more; the oldest is the baseline)');
        const picked = await pickRuns(all, title, runDirs);
        if (!picked) return;
        runDirs = [...runDirs, ...oldestFirst(picked).map((r) => r.runDir)];
        if (runDirs.length < 2) {
          void vscode.window.showInformationMessage(vscode.l10n.t('SSAD: pick at least two runs to compare.'));
          return;
        }
      }
      ResultsPanel.show(ctx, { kind: 'compare', runDirs, baseline: 0 });
    }),
    vscode.commands.registerCommand('ssad.exportResults', async (format?: unknown, target?: unknown, options?: ExportOptions) => {
      let chosen = format as ExportFormat | undefined;
      if (!chosen || !([...DATA_EXPORT_FORMATS, 'png'] as unknown[]).includes(chosen)) {
        const items: Array<vscode.QuickPickItem & { format: ExportFormat; copy?: boolean }> = [
          { label: vscode.l10n.t('Matrix as CSV'), description: vscode.l10n.t('every metric, one line per augmentation × anomaly type'), format: 'csv' },
          { label: vscode.l10n.t('Matrix as JSON'), format: 'json' },
          { label: vscode.l10n.t('Table as LaTeX'), description: vscode.l10n.t('booktabs: mean ± std, best in bold, * significant, caption with the scale'), format: 'latex' },
          { label: vscode.l10n.t('Table as Markdown'), description: vscode.l10n.t('the same table for a README or a notebook'), format: 'markdown' },
          { label: vscode.l10n.t('Heatmap as SVG'), format: 'svg' },
          { label: vscode.l10n.t('Heatmap as PNG'), format: 'png' },
          { label: vscode.l10n.t('HTML report'), description: vscode.l10n.t('self-contained: heatmaps, tables, samples'), format: 'html' },
          { label: vscode.l10n.t('Copy the LaTeX table'), description: vscode.l10n.t('to the clipboard'), format: 'latex', copy: true },
          { label: vscode.l10n.t('Copy the Markdown table'), description: vscode.l10n.t('to the clipboard'), format: 'markdown', copy: true },
          { label: vscode.l10n.t('Copy the CSV'), description: vscode.l10n.t('to the clipboard'), format: 'csv', copy: true },
          { label: vscode.l10n.t('Copy the JSON'), description: vscode.l10n.t('to the clipboard'), format: 'json', copy: true },
          { label: vscode.l10n.t('Copy the heatmap SVG'), description: vscode.l10n.t('to the clipboard'), format: 'svg', copy: true },
          { label: vscode.l10n.t('Copy the HTML report'), description: vscode.l10n.t('to the clipboard'), format: 'html', copy: true },
        ];
        const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('SSAD: Export Results') });
        if (!picked) return undefined;
        chosen = picked.format;
        if (picked.copy) target = CLIPBOARD;
      }
      const opts: ExportOptions = {
        ...(options?.chart && isChartId(options.chart) ? { chart: options.chart } : {}),
        ...(options?.metric && MATRIX_METRICS.includes(options.metric) ? { metric: options.metric } : {}),
      };
      return exportFrom(chosen, typeof target === 'string' ? target : undefined, opts);
    }),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
        ResultsPanel.revive(panel, ctx, state);
      },
    }),
    runs.onDidChangeRuns(() => ResultsPanel.instance?.refresh()),
    runs.onDidRunEvent(({ runId, event }) => {
      if (!live.record(runId, event)) return;
      const panel = ResultsPanel.instance;
      const runDir = live.runDirOf(runId) ?? (event.type === 'run-started' ? event.runDir : undefined);
      if (event.type === 'run-started' && panel && runDir) panel.setTarget({ kind: 'run', runDir });
      if (event.type === 'run-finished') {
        const openOnFinish = vscode.workspace.getConfiguration('ssad.results').get<boolean>('openOnFinish', true);
        if (openOnFinish && runDir) ResultsPanel.show(ctx, { kind: 'run', runDir });
        else panel?.refresh();
        live.forget(runId);
        return;
      }
      if (panel?.shows(runDir, runId)) panel.refresh();
    }),
    { dispose: () => ResultsPanel.instance?.dispose() },
  );
}
