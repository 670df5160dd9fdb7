/**
 * The one error a custom augmentation module raises, whatever went wrong (syntax, a throw, a bad
 * output): its message always starts with the module's path as written in the config and, when
 * known, the line in that file — `ssad/augmentations/bad.ts:12: <what went wrong>` — so a failed
 * cell in results.json points straight at the code to fix.
 */
export class CustomModuleError extends Error {
  override readonly name = 'CustomModuleError';

  constructor(
    /** The module's path as the user wrote it, relative to the config's folder. */
    readonly file: string,
    /** 1-based line in the original TypeScript file, when known. */
    readonly line: number | undefined,
    /** What went wrong, without the location. */
    readonly detail: string,
  ) {
    super(`${file}${line !== undefined ? `:${line}` : ''}: ${detail}`);
  }
}

/** Where a module lives: the absolute file that is read and the path shown in messages. */
export interface ModuleLocation {
  readonly absolutePath: string;
  readonly displayPath: string;
}
