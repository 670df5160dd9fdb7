/**
 * Offers the config snippets in `*.ssad.json` files only, and the augmentation module snippet only
 * in `.ts` files of an augmentations folder (`ssad.augmentationsDirectory` of each workspace
 * folder, read at each request so a changed setting applies at once). See `snippets.ts` for why
 * this replaces a static `contributes.snippets` entry.
 */
import * as vscode from 'vscode';
import augmentationSnippets from '../../../snippets/ssad-augmentation.json';
import configSnippets from '../../../snippets/ssad-config.json';
import { isAugmentationModule, typedPrefixStart, type SnippetFile } from './snippets';
import { augmentationsDirectory } from './workspacePaths';

function snippetProvider(snippets: SnippetFile, applies: (document: vscode.TextDocument) => boolean): vscode.CompletionItemProvider {
  return {
    provideCompletionItems(document, position) {
      if (!applies(document)) return [];
      const start = typedPrefixStart(document.lineAt(position.line).text.slice(0, position.character));
      const range = new vscode.Range(position.line, start, position.line, position.character);
      return Object.entries(snippets).map(([name, snippet]) => {
        const item = new vscode.CompletionItem({ label: snippet.prefix, description: name }, vscode.CompletionItemKind.Snippet);
        item.insertText = new vscode.SnippetString(snippet.body.join('\n'));
        item.detail = snippet.description;
        item.range = range;
        return item;
      });
    },
  };
}

function inAugmentationsFolder(document: vscode.TextDocument): boolean {
  const directories = (vscode.workspace.workspaceFolders ?? []).map(augmentationsDirectory);
  return isAugmentationModule(document.uri.fsPath, directories);
}

export function registerSnippetCompletions(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCompletionItemProvider({ pattern: '**/*.ssad.json' }, snippetProvider(configSnippets, () => true)),
    vscode.languages.registerCompletionItemProvider({ language: 'typescript', pattern: '**/*.{ts,mts,cts}' }, snippetProvider(augmentationSnippets, inAugmentationsFolder)),
  );
}
