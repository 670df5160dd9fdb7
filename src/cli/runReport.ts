/**
 * What `ssad run` and `ssad merge` print about a finished run besides its matrix: the skipped
 * images and warnings a careful user must see, and the backend and scale the numbers come from.
 */
import type { RunResults } from '../shared/results';

/** Skipped images always; warnings when asked (a run without --quiet printed them as they happened). */
export function reportProblems(results: RunResults, withWarnings: boolean): void {
  const skipped = results.skipped ?? [];
  if (skipped.length > 0) {
    const shown = skipped.slice(0, 5).map((s) => `  ${s.file}: ${s.reason}`);
    if (skipped.length > 5) shown.push(`  … and ${skipped.length - 5} more`);
    process.stderr.write(`ssad: ${skipped.length} image file${skipped.length === 1 ? ' was' : 's were'} skipped (listed in results.json):\n${shown.join('\n')}\n`);
  }
  if (withWarnings) for (const w of results.warnings ?? []) process.stderr.write(`ssad: warning: ${w}\n`);
}

/** "Backend: … Scale: …" — the line that says what the numbers were measured with. */
export function formatBackendAndScale(results: RunResults): string {
  const backend = results.backend ? `${results.backend.name} (${results.backend.detail})` : 'unknown';
  return (
    `Backend: ${backend}. Scale: ${results.scale.trainImages} train / ${results.scale.testImages} test images per task, ` +
    `${results.scale.epochs} epochs, ${results.scale.parameters ?? '?'} parameters.`
  );
}
