/**
 * The run's log file, `run.log` in its folder: one line per event a person would want to read
 * after the fact (cells starting and ending, warnings, errors, epochs), with a UTC time, for every
 * front door (CLI, VS Code, cluster jobs). A log that cannot be written never stops the run.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '../../shared/progress';

export const RUN_LOG_FILE = 'run.log';

export type RunLogLevel = 'debug' | 'info' | 'warn' | 'error';

/** The human-readable line of an event and its level; undefined for events without one. */
export function describeRunEvent(event: RunEvent): { level: RunLogLevel; text: string } | undefined {
  switch (event.type) {
    case 'run-started': {
      const resumed = event.doneCells ? ` (${event.doneCells} done before)` : '';
      return { level: 'info', text: `training ${event.totalCells} cell(s)${resumed} on backend ${event.backend} → ${event.runDir}` };
    }
    case 'cell-started':
      return { level: 'info', text: `cell ${event.index + 1}: ${event.augmentation} · seed ${event.seed} · class ${event.normalClass}` };
    case 'epoch':
      return { level: 'debug', text: `${event.cellId}: epoch ${event.epoch}/${event.epochs} loss ${event.loss.toFixed(4)}` };
    case 'evaluating':
      return { level: 'debug', text: `${event.cellId}: scoring the test set` };
    case 'cell-finished': {
      const c = event.cell;
      const outcome = c.metrics?.all ? `AUROC(all) ${c.metrics.all.auroc.toFixed(3)}` : (c.error ?? '');
      return { level: c.status === 'failed' ? 'error' : 'info', text: `${c.status} ${c.augmentation} · seed ${c.seed} · class ${c.normalClass} ${outcome}`.trimEnd() };
    }
    case 'log':
      return { level: event.level, text: event.message };
    case 'run-finished': {
      const r = event.results;
      const seconds = r.totalSeconds !== undefined ? ` in ${r.totalSeconds.toFixed(1)} s` : '';
      return { level: r.status === 'failed' ? 'error' : 'info', text: `run ${r.status}${seconds}${r.error ? `: ${r.error}` : ''}` };
    }
    default:
      return undefined;
  }
}

/** One line of `run.log`: `2026-11-29T20:01:02.345Z info  cell 1: none · seed 0 · class 0`. */
export function runLogLine(level: RunLogLevel, text: string, at = new Date()): string {
  return `${at.toISOString()} ${level.padEnd(5)} ${text.replace(/\r?\n/g, '\n    ')}\n`;
}

/** Appends to a run's `run.log`; after the first failure it stays silent (the run goes on). */
export class RunLog {
  private readonly file: string;
  private broken = false;

  constructor(runDir: string) {
    this.file = join(runDir, RUN_LOG_FILE);
  }

  write(level: RunLogLevel, text: string): void {
    if (this.broken) return;
    try {
      appendFileSync(this.file, runLogLine(level, text));
    } catch {
      this.broken = true;
    }
  }

  event(event: RunEvent): void {
    const line = describeRunEvent(event);
    if (line) this.write(line.level, line.text);
  }
}
