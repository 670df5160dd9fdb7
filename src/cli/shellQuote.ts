/**
 * Words for a POSIX shell script. Slurm reads `#SBATCH` lines with the same rules (single and
 * double quotes, a backslash escapes the next character, an unquoted `#` starts a comment), so
 * the same quoting serves both.
 */

/** Characters that mean nothing to a shell or to Slurm's `#SBATCH` parser. */
const PLAIN = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** `word` as one shell word: as it is when plain, else in single quotes (a `'` becomes `'\''`). */
export function shellQuote(word: string): string {
  if (PLAIN.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
