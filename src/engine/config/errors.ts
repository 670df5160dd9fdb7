/**
 * Config errors in plain words: the JSON path of the field and what is wrong with it.
 * Turns ajv's schema errors into one readable message per problem, and formats errors for the CLI.
 */
import type { ErrorObject } from 'ajv';
import { didYouMean } from '../util/suggest';

export interface ConfigError {
  /** JSON path of the field: `training.epochs`, `augmentations[2]`, `dataset.path`; `""` for the whole config. */
  path: string;
  /** The problem, naming the field: `training.epochs must be an integer ≥ 1, got 0`. */
  message: string;
  /** 1-based position in the config text, when known (syntax errors; or after `locateConfigErrors`). */
  line?: number;
  column?: number;
}

type JsonSchemaNode = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Paths

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends one segment to a JSON path: `a.b`, `a[2]`, `a["odd key"]`. */
export function joinPath(base: string, segment: string | number): string {
  if (typeof segment === 'number') return `${base}[${segment}]`;
  if (IDENTIFIER.test(segment)) return base === '' ? segment : `${base}.${segment}`;
  return `${base}[${JSON.stringify(segment)}]`;
}

/** Converts a JSON pointer (`/augmentations/2`) into a JSON path (`augmentations[2]`), using the data to tell array indices from keys. */
export function pointerToPath(pointer: string, data: unknown): string {
  if (pointer === '') return '';
  const segments = pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = '';
  let node: unknown = data;
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) {
      const index = Number(segment);
      path = joinPath(path, index);
      node = node[index];
    } else {
      path = joinPath(path, segment);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

/** The path one level up: `a.b` → `a`, `a[2]` → `a`, `a["x y"]` → `a`, `a` → `""`. */
export function parentPath(path: string): string {
  if (path.endsWith(']')) {
    const open = path.endsWith('"]') ? path.lastIndexOf('["') : path.lastIndexOf('[');
    return open > 0 ? path.slice(0, open) : '';
  }
  const dot = path.lastIndexOf('.');
  return dot > 0 ? path.slice(0, dot) : '';
}

/**
 * Sorts errors into the order their fields appear in the config (keys in written order), so that
 * they read top to bottom; an error about a missing field sits with its object. Stable.
 */
export function sortByDocumentOrder<T extends { path: string }>(errors: readonly T[], data: unknown): T[] {
  const rank = new Map<string, number>();
  const walk = (node: unknown, p: string): void => {
    rank.set(p, rank.size);
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, joinPath(p, i)));
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node as Record<string, unknown>)) walk(v, joinPath(p, k));
    }
  };
  walk(data, '');
  const rankOf = (p: string): number => {
    for (let q = p; ; q = parentPath(q)) {
      const r = rank.get(q);
      if (r !== undefined) return r;
      if (q === '') return 0;
    }
  };
  return errors
    .map((e, i) => ({ e, i, r: rankOf(e.path) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.e);
}

/** The field's name in a sentence: the path, or "the config" for the root. */
function subject(path: string): string {
  return path === '' ? 'the config' : path;
}

// ---------------------------------------------------------------------------------------------
// Values and types in words

/** A short rendering of a value for "got …". */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (value !== null && typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const TYPE_NOUNS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

function typeNoun(types: unknown): string {
  const list = (Array.isArray(types) ? types : [types]).map(String);
  const nouns = list.map((t) => TYPE_NOUNS[t] ?? t);
  if (nouns.length <= 1) return nouns[0] ?? 'a value';
  return `${nouns.slice(0, -1).join(', ')} or ${nouns[nouns.length - 1]}`;
}

function valueList(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ');
}

/** The bound that was broken, in words: "an integer ≥ 1", "a number > 0", "an integer ≤ 256". */
function boundText(schema: JsonSchemaNode, keyword: string): string {
  const noun = schema.type === 'integer' ? 'an integer' : 'a number';
  const sign: Record<string, string> = { minimum: '≥', maximum: '≤', exclusiveMinimum: '>', exclusiveMaximum: '<' };
  const limit = schema[keyword];
  return typeof limit === 'number' ? `${noun} ${sign[keyword]} ${limit}` : noun;
}

// ---------------------------------------------------------------------------------------------
// Schema look-ups

function resolvePointer(schema: unknown, pointer: string): unknown {
  const clean = pointer.replace(/^#/, '');
  if (clean === '') return schema;
  let node: unknown = schema;
  for (const raw of clean.slice(1).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * For an error inside an `if/then` branch, the condition in words: `dataset.source is "folder"`.
 * The schema's branches are keyed by `const` properties of the same object.
 */
function branchCondition(rootSchema: unknown, schemaPath: string, objectPath: string): string | undefined {
  const at = schemaPath.lastIndexOf('/then/');
  if (at < 0) return undefined;
  const ifSchema = resolvePointer(rootSchema, `${schemaPath.slice(0, at)}/if`) as JsonSchemaNode | undefined;
  const props = ifSchema?.properties as Record<string, JsonSchemaNode> | undefined;
  if (!props) return undefined;
  const parts = Object.entries(props)
    .filter(([, s]) => s && 'const' in s)
    .map(([key, s]) => `${joinPath(objectPath, key)} is ${JSON.stringify(s.const)}`);
  return parts.length > 0 ? parts.join(' and ') : undefined;
}

// ---------------------------------------------------------------------------------------------
// ajv errors → ConfigErrors

/**
 * Collapses `anyOf`/`oneOf` noise: keeps the errors of the one alternative whose type fits the
 * value (or, when none fits, one "must be X or Y" error). `if` errors ("must match then") are
 * dropped: the branch's own errors say what is wrong.
 */
function collapse(errors: readonly ErrorObject[]): ErrorObject[] {
  let list = errors.filter((e) => e.keyword !== 'if');
  const combinators = list.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  // Innermost first, so nested alternatives are settled before their parents look at them.
  combinators.sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  for (const combo of combinators) {
    if (!list.includes(combo)) continue;
    const prefix = `${combo.schemaPath}/`;
    const inner = list.filter((e) => e !== combo && e.schemaPath.startsWith(prefix));
    if (combo.keyword === 'oneOf' && inner.length === 0) continue; // matched several: keep as is
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of inner) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      const bucket = byBranch.get(branch) ?? [];
      bucket.push(e);
      byBranch.set(branch, bucket);
    }
    const fitting = [...byBranch.values()].filter(
      (errs) => !errs.some((e) => e.keyword === 'type' && e.instancePath === combo.instancePath),
    );
    let keep: ErrorObject[];
    if (fitting.length === 0) {
      const types = [...byBranch.values()].flatMap((errs) =>
        errs.filter((e) => e.keyword === 'type' && e.instancePath === combo.instancePath).map((e) => e.params.type),
      );
      keep = [{ ...combo, keyword: 'type', params: { type: [...new Set(types.flat())] } }];
    } else {
      // The alternative that got furthest: its errors are deepest, then fewest.
      const depth = (errs: ErrorObject[]): number => Math.max(...errs.map((e) => e.instancePath.length));
      fitting.sort((a, b) => depth(b) - depth(a) || a.length - b.length);
      keep = fitting[0];
    }
    list = list.filter((e) => e !== combo && !inner.includes(e));
    list.push(...keep);
  }
  return list;
}

/** Translates ajv's errors (run with `allErrors` and `verbose`) into plain-word config errors. */
export function translateSchemaErrors(errors: readonly ErrorObject[], data: unknown, rootSchema: unknown): ConfigError[] {
  const out: ConfigError[] = [];
  const seen = new Set<string>();
  for (const e of collapse(errors)) {
    const translated = translateOne(e, data, rootSchema);
    const key = `${translated.path}\u0000${translated.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(translated);
  }
  return sortByDocumentOrder(out, data);
}

function translateOne(e: ErrorObject, data: unknown, rootSchema: unknown): ConfigError {
  const path = pointerToPath(e.instancePath, data);
  const parent = (e.parentSchema ?? {}) as JsonSchemaNode;
  const got = `got ${describeValue(e.data)}`;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'type': {
      if (Array.isArray(parent.enum)) {
        return { path, message: `${subject(path)} must be one of ${valueList(parent.enum)}, ${got}` };
      }
      return { path, message: `${subject(path)} must be ${typeNoun(params.type)}, ${got}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, message: `${subject(path)} must be ${boundText(parent, e.keyword)}, ${got}` };
    case 'multipleOf':
      return { path, message: `${subject(path)} must be a multiple of ${String(params.multipleOf)}, ${got}` };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]) ?? [];
      const hint =
        typeof e.data === 'string' ? didYouMean(e.data, allowed.filter((v): v is string => typeof v === 'string')) : '';
      return { path, message: `${subject(path)} must be one of ${valueList(allowed)}, ${got}${hint}` };
    }
    case 'const':
      return { path, message: `${subject(path)} must be ${JSON.stringify(params.allowedValue)}, ${got}` };
    case 'required': {
      const missing = String(params.missingProperty);
      const fieldPath = joinPath(path, missing);
      const when = branchCondition(rootSchema, e.schemaPath, path);
      return { path: fieldPath, message: `${fieldPath} is required${when ? ` when ${when}` : ''}` };
    }
    case 'additionalProperties': {
      const extra = String(params.additionalProperty);
      const fieldPath = joinPath(path, extra);
      const known = Object.keys((parent.properties as Record<string, unknown>) ?? {});
      const when = branchCondition(rootSchema, e.schemaPath, path);
      const where = when ? ` when ${when}` : path === '' ? ' at the top level' : ` in ${path}`;
      const hint = didYouMean(extra, known);
      const list = hint === '' && known.length > 0 ? `; known: ${known.join(', ')}` : '';
      return { path: fieldPath, message: `${fieldPath} is not a known setting${where}${hint}${list}` };
    }
    case 'minItems': {
      const limit = Number(params.limit);
      if (limit === 1) return { path, message: `${subject(path)} must not be empty` };
      return { path, message: `${subject(path)} must list at least ${limit} entries, got ${countOf(e.data)}` };
    }
    case 'maxItems':
      return { path, message: `${subject(path)} must list at most ${String(params.limit)} entries, got ${countOf(e.data)}` };
    case 'uniqueItems': {
      const a = Math.min(Number(params.i), Number(params.j));
      const b = Math.max(Number(params.i), Number(params.j));
      const items = Array.isArray(e.data) ? e.data : [];
      return {
        path: joinPath(path, b),
        message: `${joinPath(path, b)} repeats ${joinPath(path, a)} (${describeValue(items[b])}); each entry must appear once`,
      };
    }
    case 'minLength': {
      const limit = Number(params.limit);
      if (limit === 1) return { path, message: `${subject(path)} must not be empty` };
      return { path, message: `${subject(path)} must have at least ${limit} characters, ${got}` };
    }
    case 'maxLength':
      return { path, message: `${subject(path)} must have at most ${String(params.limit)} characters, got ${countOf(e.data)}` };
    case 'pattern':
      return { path, message: `${subject(path)} must match ${String(params.pattern)}, ${got}` };
    case 'anyOf':
    case 'oneOf':
      return { path, message: `${subject(path)} does not fit any of its allowed forms, ${got}` };
    default:
      return { path, message: `${subject(path)} ${e.message ?? 'is not valid'}` };
  }
}

function countOf(value: unknown): string {
  if (Array.isArray(value)) return `${value.length}`;
  if (typeof value === 'string') return `${value.length}`;
  return describeValue(value);
}

// ---------------------------------------------------------------------------------------------
// Formatting for the CLI

/**
 * Human-readable, multi-line text: a summary line, then one line per error as
 * `file:line:column: message` (or `file: message` without a position), which terminals and
 * editors turn into links.
 */
export function formatConfigErrors(
  errors: readonly ConfigError[],
  fileName: string,
  options: { severity?: 'error' | 'warning' } = {},
): string {
  const severity = options.severity ?? 'error';
  if (errors.length === 0) return `${fileName}: no ${severity}s`;
  const noun = `${severity}${errors.length === 1 ? '' : 's'}`;
  const lines = [`${fileName}: ${errors.length} ${noun} in the config`];
  for (const e of errors) {
    const where = e.line !== undefined ? `${fileName}:${e.line}:${e.column ?? 1}` : fileName;
    lines.push(`  ${where}: ${severity}: ${e.message}`);
  }
  return lines.join('\n');
}
