/**
 * `SSAD: Edit Run Note` and `SSAD: Edit Run Tags`: a run's notes sidecar, from the runs view's
 * context menu, the palette, or scripts (`(runDir, text)`). Writing notes changes no result.
 */
import * as vscode from 'vscode';
import { readRunNotes, writeRunNotes } from '../../engine/api';
import { parseTags, type RunNotes } from '../../shared/runNotes';
import { pickRunDir } from './runTargets';
import type { RunsService } from '../services';
import { errorMessage } from '../../shared/errorMessage';

type Field = 'note' | 'tags';

async function edit(runs: RunsService, field: Field, arg: unknown, text: unknown): Promise<RunNotes | undefined> {
  const runDir = await pickRunDir(runs, arg, field === 'note' ? vscode.l10n.t('Run to write a note on') : vscode.l10n.t('Run to tag'));
  if (!runDir) return undefined;
  let current: RunNotes;
  try {
    current = readRunNotes(runDir);
  } catch (error) {
    void vscode.window.showErrorMessage(`SSAD: ${errorMessage(error)}`);
    return undefined;
  }
  const answer =
    typeof text === 'string'
      ? text
      : await vscode.window.showInputBox({
          title: field === 'note' ? vscode.l10n.t('SSAD: Edit Run Note') : vscode.l10n.t('SSAD: Edit Run Tags'),
          prompt: field === 'note' ? vscode.l10n.t('A note on this run (empty removes it)') : vscode.l10n.t('Tags, separated by commas or spaces (empty removes them)'),
          value: field === 'note' ? current.note : current.tags.join(', '),
        });
  if (answer === undefined) return undefined;
  const next: RunNotes = field === 'note' ? { ...current, note: answer.trim() } : { ...current, tags: parseTags(answer) };
  try {
    writeRunNotes(runDir, next);
  } catch (error) {
    void vscode.window.showErrorMessage(
      field === 'note'
        ? vscode.l10n.t('SSAD: the note was not saved: {0}', errorMessage(error))
        : vscode.l10n.t('SSAD: the tags were not saved: {0}', errorMessage(error)),
    );
    return undefined;
  }
  runs.refresh();
  return next;
}

export function registerRunNotesCommands(runs: RunsService): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('ssad.editRunNote', (arg?: unknown, text?: unknown) => edit(runs, 'note', arg, text)),
    vscode.commands.registerCommand('ssad.editRunTags', (arg?: unknown, text?: unknown) => edit(runs, 'tags', arg, text)),
  ];
}
