/**
 * A data set that cannot be loaded: a missing folder, a wrong layout, an unreadable file.
 * The message says what is wrong and where; `file` (when set) is the offending file, relative to
 * the data set's root with `/` separators.
 */
export class DatasetError extends Error {
  constructor(
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'DatasetError';
  }
}
