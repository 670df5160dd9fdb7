/**
 * The label-free selection in words and as a table, for the CLI (under the matrix), the panel and
 * the exports: each criterion's pick, and how far its ranking agreed with the true AUROCs.
 */
import type { RunResults } from '../results';
import { criterionInfo, type CriterionAgreement, type CriterionRanking, type SelectionSummary, type TaskMean } from '../selection';

export const SELECTION_TEST_SET = 'all';

/** Fixed digits with a real minus sign, — for none; a value that rounds to zero gets no sign (no "−0.00"). */
export function fixedOrDash(x: number | null, digits: number): string {
  if (x === null) return '—';
  const text = x.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text.replace(/^-/, '−');
}

function fixed(m: TaskMean, digits: number): string {
  return fixedOrDash(m.mean, digits);
}

export function criterionLabel(name: string): string {
  const info = criterionInfo(name);
  return info ? `${info.label} (${info.better} is better)` : name;
}

/** One row of the selection table, on one test set. */
export interface SelectionRow {
  criterion: string;
  label: string;
  preTraining: boolean;
  pick: string;
  tau: string;
  rho: string;
  regret: string;
  randomRegret: string;
  /** e.g. "4/6": tasks whose pick was the best or within 0.01 AUROC of it. */
  nearBest: string;
  note?: string;
}

function nearBestText(a: CriterionAgreement | undefined): string {
  if (!a || a.nearBest.mean === null) return '—';
  return `${Math.round(a.nearBest.mean * a.nearBest.n)}/${a.nearBest.n}`;
}

export function selectionRow(c: CriterionRanking, testSet = SELECTION_TEST_SET): SelectionRow {
  const a = c.agreement[testSet];
  const none: TaskMean = { mean: null, n: 0 };
  return {
    criterion: c.name,
    label: criterionLabel(c.name),
    preTraining: criterionInfo(c.name)?.preTraining ?? false,
    pick: (c.picks?.[testSet] !== undefined ? c.picks[testSet] : c.pick) ?? '—',
    tau: fixed(a?.tau ?? none, 2),
    rho: fixed(a?.rho ?? none, 2),
    regret: fixed(a?.regret ?? none, 3),
    randomRegret: fixed(a?.randomRegret ?? none, 3),
    nearBest: nearBestText(a),
    ...(c.note ? { note: c.note } : {}),
  };
}

/** "label-free pick: cutout · agrees with the labels τ = 0.71 · regret 0.000 vs random 0.041". */
export function selectionHeadline(c: CriterionRanking, testSet = SELECTION_TEST_SET): string {
  const r = selectionRow(c, testSet);
  if (r.pick === '—') return `${r.label}: no pick (${c.note ?? 'nothing ranked'})`;
  return `${r.label}: pick ${r.pick} · agrees with the labels τ = ${r.tau} · regret ${r.regret} vs random ${r.randomRegret}`;
}

export const SELECTION_COLUMNS = ['criterion', 'pick', 'τ', 'ρ', 'regret', 'random', 'near best'] as const;

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The selection table under the CLI matrix (empty when the run has no selection summary). */
export function selectionLines(results: RunResults): string[] {
  const s: SelectionSummary | undefined = results.selection;
  if (!s || s.criteria.length === 0) return [];
  const rows = s.criteria.map((c) => selectionRow(c));
  const cells = rows.map((r) => [r.label, r.pick, r.tau, r.rho, r.regret, r.randomRegret, r.nearBest]);
  const widths = SELECTION_COLUMNS.map((h, j) => Math.max(h.length, ...cells.map((row) => row[j].length)) + 2);
  const best = s.bestByAuroc[SELECTION_TEST_SET];
  const failed = (results.cells ?? []).filter((c) => c.selection?.error);
  const missing = failed.length > 0 ? [`Criteria not measured for ${failed.length} cell${failed.length === 1 ? '' : 's'} (their AUROCs stand), e.g. ${failed[0].id}: ${failed[0].selection?.error}`] : [];
  return [
    `Label-free selection among ${s.candidates.join(', ') || 'no candidates'} (the criteria read no labels; graded afterwards against the AUROC on all, mean over ${s.tasks} task${s.tasks === 1 ? '' : 's'}):`,
    SELECTION_COLUMNS.map((h, j) => pad(h, widths[j], j > 1)).join(''),
    ...cells.map((row) => row.map((t, j) => pad(t, widths[j], j > 1)).join('')),
    ...missing,
    `Best by mean AUROC: ${best ?? '—'}. pick: the best mean rank over the tasks; regret: the best mean AUROC − the pick's; random: a random pick's expected regret. Per task, then averaged: τ, ρ: Kendall τ-b and Spearman ρ of the criterion against AUROC across the candidates; near best: tasks whose own pick is within 0.01 AUROC of their best. The pre-training diagnostic trains nothing.`,
  ];
}
