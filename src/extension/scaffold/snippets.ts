/**
 * The snippets of `snippets/*.json` (VS Code's snippet file format, kept as the one source) and
 * where they belong. A static `contributes.snippets` entry is bound to a language, so it would
 * offer config snippets in every JSON file and module snippets in every TypeScript file; the
 * completion provider built on these functions offers them only in `*.ssad.json` files and in
 * modules of an augmentations folder.
 */
import * as path from 'node:path';

export interface SnippetDefinition {
  prefix: string;
  description: string;
  body: string[];
}

/** The snippets of one file, by name. */
export type SnippetFile = Readonly<Record<string, SnippetDefinition>>;

/**
 * Whether `filePath` is a custom augmentation module: a `.ts` file (not a `.d.ts`) directly in one
 * of `directories`, the same rule as the Preview button's when-clause (`resourceDirname in
 * ssad.augmentationsDirectories`). Windows paths compare without case.
 */
export function isAugmentationModule(filePath: string, directories: readonly string[], pathApi: path.PlatformPath = path): boolean {
  if (!/\.[cm]?ts$/i.test(filePath) || /\.d\.[cm]?ts$/i.test(filePath)) return false;
  const key = (p: string): string => {
    const resolved = pathApi.resolve(p);
    return pathApi === path.win32 ? resolved.toLowerCase() : resolved;
  };
  const dir = key(pathApi.dirname(filePath));
  return directories.some((d) => key(d) === dir);
}

/**
 * Where the word being typed starts in `lineBeforeCursor`: the completion replaces it, so that
 * `ssad-co` becomes the snippet whatever the language's own word pattern says about hyphens.
 */
export function typedPrefixStart(lineBeforeCursor: string): number {
  return lineBeforeCursor.length - (/[\w-]*$/.exec(lineBeforeCursor)?.[0].length ?? 0);
}
