import type { Chart as ChartType, ChartConfiguration, Plugin } from 'chart.js';
import { colourAt, textColourOn, type ColourScale } from '../../../src/shared/resultsView/colourScale';
import { cellTooltipLines } from '../../../src/shared/resultsView/cellTooltip';
import { formatValue, METRIC_LABELS, type Matrix, type MatrixCell } from '../../../src/shared/resultsView/matrix';
import { Chart } from './setup';
import type { ThemeColours } from './theme';

interface MatrixPoint {
  x: string;
  y: string;
  v: number | null;
  cell: MatrixCell;
}

/** Prints each cell's value (and * when significant) in a colour that reads on the cell. */
function valueLabels(matrix: Matrix, scale: ColourScale): Plugin<'matrix'> {
  return {
    id: 'ssadValueLabels',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      const meta = chart.getDatasetMeta(0);
      ctx.save();
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      meta.data.forEach((element, i) => {
        const cell = matrix.cells[i];
        const { x, y } = (element as unknown as { getCenterPoint(): { x: number; y: number } }).getCenterPoint();
        const fill = cell.mean === null ? '#808080' : colourAt(scale, cell.mean);
        ctx.fillStyle = textColourOn(fill);
        ctx.font = `${cell.significant ? 'bold ' : ''}12px sans-serif`;
        ctx.fillText(formatValue(cell.mean, matrix.metric) + (cell.significant ? '*' : ''), x, y);
      });
      ctx.restore();
    },
  };
}

/**
 * The alignment heatmap: rows = training augmentations (a second axis on the right names each
 * category group once), columns = anomaly types and all.
 */
export function drawHeatmap(
  canvas: HTMLCanvasElement,
  matrix: Matrix,
  scale: ColourScale,
  theme: ThemeColours,
  onCellClick?: (cell: MatrixCell) => void,
): ChartType {
  const data: MatrixPoint[] = matrix.cells.map((cell) => ({ x: cell.anomalyType, y: cell.augmentation, v: cell.mean, cell }));
  const rowLabels = matrix.rows.map((r) => r.augmentation);
  const groupLabels = matrix.rows.map((r, i) => (i === 0 || matrix.rows[i - 1].category !== r.category ? r.category : ''));
  const nCols = matrix.columns.length;
  const nRows = matrix.rows.length;
  const config: ChartConfiguration<'matrix', MatrixPoint[]> = {
    type: 'matrix',
    data: {
      datasets: [
        {
          label: METRIC_LABELS[matrix.metric],
          data,
          backgroundColor: (c) => {
            const v = (c.raw as MatrixPoint | undefined)?.v;
            return v === null || v === undefined ? 'rgba(128,128,128,0.3)' : colourAt(scale, v);
          },
          borderColor: (c) => ((c.raw as MatrixPoint | undefined)?.cell.significant ? theme.foreground : theme.background),
          borderWidth: (c) => ((c.raw as MatrixPoint | undefined)?.cell.significant ? 2 : 1),
          width: ({ chart }) => (chart.chartArea?.width ?? 0) / nCols - 2,
          height: ({ chart }) => (chart.chartArea?.height ?? 0) / nRows - 2,
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      responsive: true,
      onClick: (_event, elements) => {
        const index = elements[0]?.index;
        if (index !== undefined && onCellClick) onCellClick(matrix.cells[index]);
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const p = items[0]?.raw as MatrixPoint | undefined;
              return p ? `${p.y} → ${p.x}` : '';
            },
            label: (item) => {
              const cell = (item.raw as MatrixPoint).cell;
              return [...cellTooltipLines(cell, matrix.metric), 'Click for ROC curves and score histograms'];
            },
          },
        },
      },
      scales: {
        x: {
          type: 'category',
          labels: matrix.columns,
          position: 'top',
          offset: true,
          grid: { display: false },
          border: { display: false },
          ticks: { color: theme.foreground, font: { size: 12 } },
          title: { display: true, text: 'anomaly type', color: theme.muted },
        },
        y: {
          type: 'category',
          labels: rowLabels,
          // The matrix controller reverses its y axis by default; not reversed, `none` is the top row.
          reverse: false,
          offset: true,
          grid: { display: false },
          border: { display: false },
          ticks: { color: theme.foreground, font: { size: 12 } },
          title: { display: true, text: 'training augmentation', color: theme.muted },
        },
        category: {
          type: 'category',
          axis: 'y',
          labels: groupLabels,
          position: 'right',
          reverse: false,
          offset: true,
          grid: { display: false },
          border: { display: false },
          ticks: { color: theme.muted, font: { size: 11, style: 'italic' } },
        },
      },
    },
    plugins: [valueLabels(matrix, scale)],
  };
  return new Chart(canvas, config as unknown as ChartConfiguration);
}

/** The colour legend the matrix plugin does not draw: a gradient bar with its ends and middle. */
export function drawLegend(canvas: HTMLCanvasElement, scale: ColourScale): void {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 240;
  const height = canvas.clientHeight || 14;
  canvas.width = width * ratio;
  canvas.height = height * ratio;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.scale(ratio, ratio);
  const gradient = ctx.createLinearGradient(0, 0, width, 0);
  for (const stop of scale.stops) gradient.addColorStop(stop.at, stop.colour);
  ctx.fillStyle = gradient;
  ctx.fillRect(0, 0, width, height);
}
