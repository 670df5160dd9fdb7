import { heatmapSvg } from '../../shared/resultsView/heatmapSvg';
import { buildMatrix, cellText, MATRIX_METRICS, matrixColumns, METRIC_LABELS, tableCaption } from '../../shared/resultsView/matrix';
import { statisticsText } from '../../shared/resultsView/statisticsText';
import { isPooledOneVsOne, type RunResults } from '../../shared/results';
import { SELECTION_COLUMNS, selectionLines, selectionRow } from '../../shared/resultsView/selectionText';
import type { RunNotes } from '../../shared/runNotes';
import { scaleText } from './runView';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A self-contained HTML report of a run: heatmaps (AUROC and Δ vs none) as inline SVG, every
 * metric as tables, the sample sheet as a data URI. No script, no external resource, so it opens
 * anywhere and can be attached to a mail or a pull request.
 */
/** The label-free selection table, one per test set it was graded on. */
function selectionHtml(results: RunResults): string {
  const s = results.selection;
  if (!s || s.criteria.length === 0) return '';
  const testSets = Object.keys(s.criteria[0].agreement);
  const head = `<tr>${SELECTION_COLUMNS.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr>`;
  const tables = testSets.map((t) => {
    const body = s.criteria
      .map((c) => {
        const r = selectionRow(c, t);
        return `<tr><th scope="row">${esc(r.label)}</th>${[r.pick, r.tau, r.rho, r.regret, r.randomRegret, r.nearBest].map((v) => `<td>${esc(v)}</td>`).join('')}</tr>`;
      })
      .join('\n');
    return `<table><caption>${esc(t === 'all' ? 'All anomaly types' : `Normal + ${t} only`)} · best by AUROC: ${esc(s.bestByAuroc[t] ?? '—')}</caption>${head}\n${body}</table>`;
  });
  return `<h2>Label-free selection</h2>\n<p>${esc(selectionLines(results).slice(-1)[0] ?? '')}</p>\n${tables.join('\n')}`;
}

export function renderReportHtml(results: RunResults, categories: Record<string, string>, samplesPngBase64?: string, notes?: RunNotes): string {
  const heatmaps = (['auroc', 'delta'] as const)
    .map((m) => `<figure>${heatmapSvg(buildMatrix(results, categories, m), `${results.name}: ${METRIC_LABELS[m]}`)}</figure>`)
    .join('\n');
  const tables = MATRIX_METRICS.map((metric) => {
    const matrix = buildMatrix(results, categories, metric);
    const head = `<tr><th scope="col">augmentation</th><th scope="col">category</th>${matrix.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('')}</tr>`;
    const body = matrix.rows
      .map((row, r) => {
        const cells = matrix.columns
          .map((_, c) => {
            return `<td>${esc(cellText(matrix.cells[r * matrix.columns.length + c], metric))}</td>`;
          })
          .join('');
        return `<tr><th scope="row">${esc(row.augmentation)}</th><td>${esc(row.category)}</td>${cells}</tr>`;
      })
      .join('\n');
    return `<h2>${esc(METRIC_LABELS[metric])}</h2>\n<table><caption>${esc(tableCaption(metric))}</caption>${head}\n${body}</table>`;
  }).join('\n');
  const pooled = matrixColumns(results.anomalyTypes, results.summary).some((c) => isPooledOneVsOne(c, results.anomalyTypes));
  const selection = selectionHtml(results);
  const samples = samplesPngBase64
    ? `<h2>Samples</h2><p>Normal, each anomaly type and each training augmentation, on the same images.</p><img alt="sample sheet" src="data:image/png;base64,${samplesPngBase64}">`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<title>${esc(results.name)} — SSAD Lab report</title>
<style>
body { font-family: sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin-bottom: 1.5em; }
th, td { border: 1px solid #ccc; padding: 4px 8px; text-align: right; }
th[scope="row"], td:nth-child(2) { text-align: left; }
figure { margin: 1em 0; }
img { image-rendering: pixelated; max-width: 100%; }
.meta { color: #555; }
</style>
</head>
<body>
<h1>${esc(results.name)}</h1>
<p class="meta">Run ${esc(results.id)} · ${esc(results.status)} · ${esc(results.createdAt)}</p>
<p class="meta">${esc(scaleText(results))}</p>
${notes?.tags.length ? `<p class="meta">Tags: ${notes.tags.map(esc).join(', ')}</p>` : ''}
${notes?.note ? `<p class="note">${esc(notes.note)}</p>` : ''}
<p>Rows: training augmentation (self-supervision), grouped by category, <code>none</code> = no self-supervision. Columns: anomaly types${pooled ? ', <code>one-vs-one</code> (every normal class against every other class, pooled)' : ''} and all of them. Values: mean over seeds and normal classes (± std).</p>
<p>${esc(statisticsText(results))}</p>
${heatmaps}
${tables}
${selection}
${samples}
</body>
</html>
`;
}
