/**
 * TypeScript → CommonJS with sucrase: a pure-JS transpiler (no native binary, so the VSIX stays
 * platform-neutral) that strips types and `import type` and rewrites imports to `require`
 * while keeping every line where it was, so stack traces point at the user's own lines.
 */
import { transform } from 'sucrase';
import { CustomModuleError, type ModuleLocation } from './errors';

interface SucraseSyntaxError extends Error {
  loc?: { line: number; column: number };
}

export function transpileModule(source: string, where: ModuleLocation): string {
  try {
    return transform(source, {
      transforms: ['typescript', 'imports'],
      filePath: where.absolutePath,
    }).code;
  } catch (error) {
    const loc = (error as SucraseSyntaxError).loc;
    // Sucrase says "Error transforming <file>: Unexpected token (12:5)"; keep only the reason.
    const reason = (error as Error).message.replace(/^Error transforming [^:]*: /, '').replace(/\s*\(\d+:\d+\)$/, '');
    throw new CustomModuleError(where.displayPath, loc?.line, `syntax error: ${reason}${loc ? ` (column ${loc.column + 1})` : ''}`);
  }
}
