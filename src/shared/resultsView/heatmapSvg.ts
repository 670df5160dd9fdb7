/**
 * The heatmap as a standalone SVG (export and HTML report): the same cells, colours, printed
 * values and significance marks as the canvas, plus its colour legend. Fixed light colours, since
 * the file leaves the editor's theme.
 */
import { colourAt, divergingScale, legendTicks, sequentialScale, textColourOn, type ColourScale } from './colourScale';
import { formatValue, matrixValues, METRIC_LABELS, type Matrix } from './matrix';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The scale the heatmap uses for a matrix: diverging for differences, sequential otherwise. */
export function scaleForMatrix(matrix: Matrix, difference = false): ColourScale {
  const values = matrixValues(matrix);
  return difference || matrix.metric === 'delta' ? divergingScale(values) : sequentialScale(values);
}

export function heatmapSvg(matrix: Matrix, title: string, difference = false): string {
  const scale = scaleForMatrix(matrix, difference);
  const cellW = 84;
  const cellH = 30;
  const left = 170;
  const top = 64;
  const width = left + matrix.columns.length * cellW + 20;
  const height = top + matrix.rows.length * cellH + 80;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  parts.push(`<text x="10" y="22" font-size="15" font-weight="600">${esc(title)}</text>`);
  parts.push(`<text x="10" y="42" fill="#555">${esc(METRIC_LABELS[matrix.metric])}${difference ? ' (difference)' : ''}; * = Wilcoxon p &lt; 0.05 vs none</text>`);
  matrix.columns.forEach((column, c) => {
    parts.push(`<text x="${left + c * cellW + cellW / 2}" y="${top - 6}" text-anchor="middle">${esc(column)}</text>`);
  });
  matrix.rows.forEach((row, r) => {
    const y = top + r * cellH;
    parts.push(`<text x="${left - 8}" y="${y + cellH / 2 + 4}" text-anchor="end">${esc(row.augmentation)} <tspan fill="#777">(${esc(row.category)})</tspan></text>`);
    matrix.columns.forEach((_, c) => {
      const cell = matrix.cells[r * matrix.columns.length + c];
      const fill = cell.mean === null ? '#dddddd' : colourAt(scale, cell.mean);
      const text = formatValue(cell.mean, matrix.metric) + (cell.significant ? '*' : '');
      parts.push(`<rect x="${left + c * cellW}" y="${y}" width="${cellW - 2}" height="${cellH - 2}" fill="${fill}"${cell.significant ? ' stroke="#000" stroke-width="2"' : ''}/>`);
      parts.push(`<text x="${left + c * cellW + cellW / 2 - 1}" y="${y + cellH / 2 + 3}" text-anchor="middle" fill="${textColourOn(fill)}">${esc(text)}</text>`);
    });
  });
  const ly = top + matrix.rows.length * cellH + 24;
  const lw = Math.min(300, matrix.columns.length * cellW);
  parts.push(`<defs><linearGradient id="legend">${scale.stops.map((s) => `<stop offset="${s.at}" stop-color="${s.colour}"/>`).join('')}</linearGradient></defs>`);
  parts.push(`<rect x="${left}" y="${ly}" width="${lw}" height="12" fill="url(#legend)" stroke="#999"/>`);
  legendTicks(scale).forEach((tick, i, all) => {
    const x = left + (lw * i) / (all.length - 1);
    parts.push(`<text x="${x}" y="${ly + 28}" text-anchor="middle">${esc(formatValue(tick, difference ? 'delta' : matrix.metric))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
