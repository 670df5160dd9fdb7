/**
 * Evaluates a transpiled module in the current process, CommonJS style, with a `require` that
 * only hands out Node's built-in modules: a custom augmentation is a pure function of pixels and
 * needs nothing else, and an import of some package would otherwise fail in confusing ways
 * depending on where the bundle happens to sit.
 */
import { builtinModules, createRequire } from 'node:module';
import { dirname } from 'node:path';
import { compileFunction } from 'node:vm';
import { CustomModuleError, type ModuleLocation } from './errors';
import { runModuleCode } from './monitor';
import { lineInStack, messageOf } from './stack';

const BUILTINS = new Set(builtinModules);

function limitedRequire(where: ModuleLocation): (id: string) => unknown {
  const nodeRequire = createRequire(where.absolutePath);
  return (id: string) => {
    const bare = id.startsWith('node:') ? id.slice(5) : id;
    if (!BUILTINS.has(bare)) {
      throw new Error(
        `cannot import "${id}": a custom augmentation may import only Node built-in modules (node:path, node:crypto, …) and types; keep helpers in the same file`,
      );
    }
    return nodeRequire(`node:${bare}`);
  };
}

/** Runs the module's top level and returns its `module.exports`. */
export function evaluateModule(code: string, where: ModuleLocation): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- what vm.compileFunction returns
  let body: Function;
  try {
    body = compileFunction(code, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: where.absolutePath });
  } catch (error) {
    throw new CustomModuleError(where.displayPath, lineInStack(error, where.absolutePath), `syntax error: ${messageOf(error)}`);
  }
  const module = { exports: {} as Record<string, unknown> };
  try {
    runModuleCode({ file: where.displayPath, what: 'loading the module (its top-level code)' }, where, () =>
      body.call(module.exports, module.exports, limitedRequire(where), module, where.absolutePath, dirname(where.absolutePath)),
    );
  } catch (error) {
    if (error instanceof CustomModuleError) throw error;
    throw new CustomModuleError(where.displayPath, lineInStack(error, where.absolutePath), `error while loading the module: ${messageOf(error)}`);
  }
  return module.exports;
}
