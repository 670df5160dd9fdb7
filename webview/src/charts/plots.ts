import type { Chart as ChartType, ChartConfiguration, Plugin } from 'chart.js';
import type { CellDetail } from '../../../src/shared/protocol';
import type { BarSeries, CurveSeries } from '../model/chartData';
import { CATEGORICAL } from '../model/chartData';
import { Chart } from './setup';
import type { ThemeColours } from './theme';

function axisStyle(theme: ThemeColours, title: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ticks: { color: theme.foreground },
    grid: { color: theme.grid },
    border: { color: theme.grid },
    title: { display: true, text: title, color: theme.muted },
    ...extra,
  };
}

function legendStyle(theme: ThemeColours): Record<string, unknown> {
  return { labels: { color: theme.foreground, boxWidth: 14 } };
}

/** Whiskers of ± std over seeds on each bar (Chart.js has no error bars). */
function errorBars(series: BarSeries[], theme: ThemeColours): Plugin<'bar'> {
  return {
    id: 'ssadErrorBars',
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      const y = chart.scales.y;
      ctx.save();
      ctx.strokeStyle = theme.foreground;
      ctx.lineWidth = 1;
      series.forEach((s, d) => {
        const meta = chart.getDatasetMeta(d);
        if (meta.hidden) return;
        meta.data.forEach((bar, c) => {
          const mean = s.means[c];
          const std = s.stds[c];
          if (mean === null || std === null || !(std > 0)) return;
          const x = bar.x;
          const top = y.getPixelForValue(Math.min(1, mean + std));
          const bottom = y.getPixelForValue(mean - std);
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, bottom);
          ctx.moveTo(x - 3, top);
          ctx.lineTo(x + 3, top);
          ctx.moveTo(x - 3, bottom);
          ctx.lineTo(x + 3, bottom);
          ctx.stroke();
        });
      });
      ctx.restore();
    },
  };
}

export function drawBars(canvas: HTMLCanvasElement, columns: string[], series: BarSeries[], theme: ThemeColours): ChartType {
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: columns,
      datasets: series.map((s) => ({ label: s.augmentation, data: s.means as number[], backgroundColor: s.colour, borderColor: s.colour })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: {
        legend: legendStyle(theme),
        tooltip: {
          callbacks: {
            label: (item) => {
              const s = series[item.datasetIndex];
              const std = s.stds[item.dataIndex];
              return `${s.augmentation}: ${(s.means[item.dataIndex] ?? NaN).toFixed(3)}${std !== null ? ` ± ${std.toFixed(3)}` : ''}`;
            },
          },
        },
      },
      scales: {
        x: axisStyle(theme, 'anomaly type'),
        y: axisStyle(theme, 'AUROC (mean ± std over seeds)', { min: 0, max: 1 }),
      },
    },
    plugins: [errorBars(series, theme)],
  };
  return new Chart(canvas, config);
}

export function drawCurves(canvas: HTMLCanvasElement, curves: CurveSeries[], epochs: number, theme: ThemeColours): ChartType {
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: {
      datasets: curves.map((c) => ({
        label: c.label,
        data: c.points,
        borderColor: c.colour,
        backgroundColor: c.colour,
        borderDash: c.dash,
        pointRadius: 2,
        borderWidth: 1.5,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      parsing: false,
      plugins: { legend: legendStyle(theme) },
      scales: {
        x: axisStyle(theme, 'epoch', { type: 'linear', min: 1, max: Math.max(1, epochs), ticks: { color: theme.foreground, stepSize: 1 } }),
        y: axisStyle(theme, 'training loss (mean per epoch)', { type: 'linear' }),
      },
    },
  };
  return new Chart(canvas, config);
}

export function drawRoc(canvas: HTMLCanvasElement, detail: CellDetail, theme: ThemeColours): ChartType {
  const config: ChartConfiguration<'scatter'> = {
    type: 'scatter',
    data: {
      datasets: [
        ...detail.roc.map((r, i) => ({
          label: `${r.label} (AUC ${r.auc.toFixed(3)})`,
          data: r.points.map((p) => ({ x: p.fpr, y: p.tpr })),
          showLine: true,
          borderColor: CATEGORICAL[i % CATEGORICAL.length],
          backgroundColor: CATEGORICAL[i % CATEGORICAL.length],
          pointRadius: 0,
          borderWidth: 2,
        })),
        {
          label: 'chance',
          data: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
          showLine: true,
          borderColor: theme.muted,
          borderDash: [4, 4],
          pointRadius: 0,
          borderWidth: 1,
        },
      ],
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: legendStyle(theme) },
      scales: {
        x: axisStyle(theme, 'false positive rate', { min: 0, max: 1 }),
        y: axisStyle(theme, 'true positive rate', { min: 0, max: 1 }),
      },
    },
  };
  return new Chart(canvas, config);
}

export function drawHistogram(canvas: HTMLCanvasElement, detail: CellDetail, theme: ThemeColours): ChartType | undefined {
  const h = detail.histogram;
  if (!h) return undefined;
  const centres = h.edges.slice(0, -1).map((e, i) => ((e + h.edges[i + 1]) / 2).toPrecision(3));
  // Normal in the neutral grey of the palette, anomaly types in the other colours.
  const colourOf = (type: string, i: number): string => (type === 'normal' ? '#999999' : CATEGORICAL[(i - 1) % (CATEGORICAL.length - 1)]);
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: centres,
      datasets: h.series.map((s, i) => ({
        label: `${s.sampleType} (${s.count})`,
        data: s.fractions,
        backgroundColor: `${colourOf(s.sampleType, i)}99`,
        borderColor: colourOf(s.sampleType, i),
        borderWidth: 1,
        grouped: false,
        barPercentage: 1,
        categoryPercentage: 1,
      })),
    },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: legendStyle(theme) },
      scales: {
        x: axisStyle(theme, 'anomaly score'),
        y: axisStyle(theme, 'fraction of samples'),
      },
    },
  };
  return new Chart(canvas, config);
}
