/**
 * Finds the line of a module's own code in a thrown error. The module is compiled with its
 * absolute path as the file name, and sucrase keeps every line where it was, so the first stack
 * frame that names that file gives the line of the original TypeScript source.
 */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The 1-based line of the first frame (or syntax-error header) naming `absolutePath`, if any. */
export function lineInStack(error: unknown, absolutePath: string): number | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (typeof stack !== 'string') return undefined;
  const match = new RegExp(`${escapeRegExp(absolutePath)}:(\\d+)`).exec(stack);
  return match ? Number(match[1]) : undefined;
}

/** The error's own message (without the `Error:` prefix or the stack). */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
