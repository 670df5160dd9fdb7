import * as vscode from 'vscode';
import type { ConfigError } from '../../engine/api';
import { isConfigFile, validateConfigDocument } from './configFiles';

const DEBOUNCE_MS = 300;

/** The `source` of the diagnostics this extension sets (quick fixes act only on these). */
export const CONFIG_DIAGNOSTIC_SOURCE = 'SSAD';

/**
 * Problems in `*.ssad.json` that the JSON Schema cannot see — unknown augmentations (with "did you
 * mean"), missing dataset folders, custom module files that do not exist, testbed × dataset
 * combinations — from the engine's own validation, the one `ssad validate` and every run use.
 * Syntax and schema errors are left to the JSON language service, which has the schema.
 */
export class ConfigDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('ssad');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [this.collection];

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidSaveTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidCloseTextDocument((d) => this.collection.delete(d.uri)),
    );
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  /** Validates now; returns the diagnostics set for the document. */
  update(document: vscode.TextDocument): readonly vscode.Diagnostic[] {
    if (!isConfigFile(document.uri)) return [];
    const result = validateConfigDocument(document);
    // Syntax and schema errors are the JSON language service's (it has the schema through
    // `jsonValidation`): reporting them here too would show each problem twice.
    const diagnostics = !result.ok && result.failedOn
      ? []
      : [
          ...(result.ok ? [] : result.errors.map((e) => toDiagnostic(document, e, vscode.DiagnosticSeverity.Error))),
          ...result.warnings.map((e) => toDiagnostic(document, e, vscode.DiagnosticSeverity.Warning)),
        ];
    this.collection.set(document.uri, diagnostics);
    return diagnostics;
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    vscode.Disposable.from(...this.disposables.splice(0)).dispose();
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!isConfigFile(document.uri)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) this.update(document);
      }, delayMs),
    );
  }
}

/** The value the error points at (a string, a number, a word), or the start of the file. */
function toDiagnostic(document: vscode.TextDocument, error: ConfigError, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  let range = new vscode.Range(0, 0, 0, 1);
  if (error.line !== undefined) {
    const line = Math.min(Math.max(error.line - 1, 0), document.lineCount - 1);
    const column = Math.max((error.column ?? 1) - 1, 0);
    const start = new vscode.Position(line, column);
    range = document.getWordRangeAtPosition(start, /"(?:[^"\\]|\\.)*"|[^\s,:{}[\]]+/) ?? new vscode.Range(start, document.lineAt(line).range.end);
  }
  const diagnostic = new vscode.Diagnostic(range, error.message, severity);
  diagnostic.source = CONFIG_DIAGNOSTIC_SOURCE;
  diagnostic.code = error.path || undefined;
  return diagnostic;
}
