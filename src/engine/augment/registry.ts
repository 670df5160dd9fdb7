/**
 * The augmentation registry: the 14 built-ins of the catalogue (in the study's table order), and
 * the resolution of config references to them. Custom modules are never registered: `custom/`
 * loads and guards them per process, and `resolver.ts` is the one place that routes a reference
 * to either.
 *
 * Reference forms (see `resolveAugmentation`):
 * - a name: `"cutout"`;
 * - a parameterised name: `"cutout-0.2"` sets the definition's shorthand parameter (`area`);
 * - an object: `{ "name": "cutout", "params": { "area": 0.2 } }` (its name may be parameterised);
 * - a path to a custom module (`./x.ts`, `../x.js`, `/abs/x.ts`, `C:\x.ts`, anything ending in
 *   `.ts`/`.js`): NOT resolved here — `resolveAugmentationRef` routes it to the module loader.
 *
 * Ids (the labels of matrices and results), stable and readable:
 * - a plain or parameterised name keeps its text, numbers canonicalised: `cutout`, `cutout-0.2`
 *   (`"cutout-0.20"` → `cutout-0.2`);
 * - an object adds the parameters it gives explicitly, sorted by name, in braces:
 *   `cutout{area=0.2}`, `rotate{angles=[0,90,180,270]}`, `blur{padding=zero,sigma=1.5}`; an object
 *   with no (or empty) params has the bare name's id.
 */
import type { AugmentationParamValue, AugmentationRef } from '../../shared/config';
import { closestName, didYouMean } from '../util/suggest';
import { CATALOGUE } from './catalogue';
import { describeValue } from './describeValue';
import type { CheckedAugmentationDefinition } from './params';
import type { AugmentationCategory, AugmentationDefinition, AugmentationParams, ParamSpec, ResolvedAugmentation } from './types';

/** Lower-case words joined by single hyphens, each word starting with a letter (`cp-scar`). */
const NAME_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*$/;
/** A decimal number as written after a name: `0.2`, `.5`, `2`, `1e-3`, `-90`. */
const NUMBER_PATTERN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const CATEGORIES: readonly AugmentationCategory[] = ['none', 'geometric', 'noise-like', 'colour', 'patch', 'composite', 'custom'];
const PARAM_TYPES: readonly ParamSpec['type'][] = ['number', 'integer', 'boolean', 'number[]', 'string'];

const definitions = new Map<string, CheckedAugmentationDefinition>();

for (const def of CATALOGUE) {
  const problems = definitionProblems(def);
  if (problems.length > 0) throw new Error(`built-in augmentation "${def.name}" is invalid: ${problems.join('; ')}`);
  definitions.set(def.name, def);
}

/** The catalogue, in the study's order. */
export function listAugmentations(): readonly AugmentationDefinition[] {
  return [...definitions.values()];
}

/** The names of `listAugmentations()`, in the same order. */
export function augmentationNames(): string[] {
  return [...definitions.keys()];
}

/** True for the 14 catalogue names (exact names only: not `cutout-0.2`). */
export function isBuiltinAugmentation(name: string): boolean {
  return definitions.has(name);
}

/**
 * True when the reference (or an object reference's name) is a path to a custom module:
 * it starts with `./`, `../`, `/`, `\`, or a drive letter (`C:\`), or ends in `.ts`, `.js`,
 * `.mts`, `.cts`, `.mjs` or `.cjs`. Such references go to the module loader.
 */
export function isModulePath(ref: AugmentationRef): boolean {
  const text = typeof ref === 'string' ? ref : ref !== null && typeof ref === 'object' && typeof ref.name === 'string' ? ref.name : undefined;
  if (text === undefined) return false;
  return /^\.{1,2}[\\/]/.test(text) || /^[\\/]/.test(text) || /^[A-Za-z]:[\\/]/.test(text) || /\.[cm]?[jt]s$/i.test(text);
}

/**
 * Resolves a config reference against the registry: the definition, every parameter validated
 * and defaulted, and the reference's id. Throws an Error with a readable message for unknown
 * names (with a did-you-mean), unknown parameters, wrong types and out-of-range values, and for
 * module paths (which the module loader handles; `resolveAugmentationRef` routes them).
 */
export function resolveAugmentation(ref: AugmentationRef): ResolvedAugmentation {
  if (isModulePath(ref)) {
    const path = typeof ref === 'string' ? ref : ref.name;
    throw new Error(`"${path}" is a path to a custom augmentation module; custom modules are loaded by the module loader, not resolved from the catalogue`);
  }
  if (typeof ref === 'string') {
    const parsed = parseName(ref);
    const given: AugmentationParams = {};
    if (parsed.shorthandValue !== undefined) given[parsed.definition.shorthand as string] = parsed.shorthandValue;
    return { id: parsed.label, definition: parsed.definition, params: resolveParams(parsed.definition, given) };
  }
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref) || typeof ref.name !== 'string') {
    throw new TypeError(`An augmentation must be a name such as "cutout" or an object { "name": "...", "params": { ... } }, got ${describeValue(ref)}`);
  }
  const extra = Object.keys(ref).filter((k) => k !== 'name' && k !== 'params');
  if (extra.length > 0) {
    throw new Error(`Augmentation "${ref.name}": unexpected key ${extra.map((k) => `"${k}"`).join(', ')}; an object has only "name" and "params"`);
  }
  const given = ref.params ?? {};
  if (given === null || typeof given !== 'object' || Array.isArray(given)) {
    throw new TypeError(`Augmentation "${ref.name}": "params" must be an object of parameter values, got ${describeValue(given)}`);
  }
  const parsed = parseName(ref.name);
  const merged: AugmentationParams = {};
  if (parsed.shorthandValue !== undefined) {
    const key = parsed.definition.shorthand as string;
    if (Object.prototype.hasOwnProperty.call(given, key)) {
      throw new Error(`Augmentation "${ref.name}" sets "${key}" twice: in its name and in its params`);
    }
    merged[key] = parsed.shorthandValue;
  }
  Object.assign(merged, given);
  return { id: labelWithParams(parsed.label, given), definition: parsed.definition, params: resolveParams(parsed.definition, merged) };
}

/**
 * Validates the given parameters against a definition and fills in the defaults. Throws for an
 * unknown parameter (with did-you-mean), a wrong type or an out-of-range value (naming the
 * parameter, the value and the allowed range), or a failed cross-parameter check.
 */
export function resolveParams(def: AugmentationDefinition, given: Readonly<Record<string, unknown>> = {}): AugmentationParams {
  const known = Object.keys(def.params);
  for (const key of Object.keys(given)) {
    if (!Object.prototype.hasOwnProperty.call(def.params, key)) {
      const list = known.length > 0 ? `its parameters are ${known.map((k) => `"${k}"`).join(', ')}` : 'it takes no parameters';
      throw new Error(`Augmentation "${def.name}" has no parameter "${key}"${didYouMean(key, known)}; ${list}`);
    }
    const problem = valueProblem(def.params[key], given[key]);
    if (problem) throw new Error(`Augmentation "${def.name}": parameter "${key}" ${problem}`);
  }
  const out: AugmentationParams = {};
  for (const key of known) {
    const v = (Object.prototype.hasOwnProperty.call(given, key) ? given[key] : def.params[key].default) as AugmentationParamValue;
    out[key] = Array.isArray(v) ? [...v] : v;
  }
  const check = (def as CheckedAugmentationDefinition).check;
  if (typeof check === 'function') {
    const message = check(out);
    if (message) throw new Error(`Augmentation "${def.name}": ${message}`);
  }
  return out;
}

/** `name{a=1,b=[0,90]}` for the given parameters (sorted by name), or `name` when there are none. */
export function labelWithParams(name: string, params: Readonly<Record<string, AugmentationParamValue>> = {}): string {
  return Object.keys(params).length === 0 ? name : `${name}${formatParams(params)}`;
}

/** The problems of a definition (empty when it is valid). */
export function definitionProblems(def: AugmentationDefinition): string[] {
  const problems: string[] = [];
  if (def === null || typeof def !== 'object') return [`a definition must be an object, got ${describeValue(def)}`];
  if (typeof def.name !== 'string' || !NAME_PATTERN.test(def.name)) {
    problems.push(`name ${describeValue(def.name)} must be lower-case words joined by hyphens, each starting with a letter (e.g. "my-blur")`);
  }
  if (!CATEGORIES.includes(def.category)) problems.push(`category ${describeValue(def.category)} must be one of ${CATEGORIES.join(', ')}`);
  if (typeof def.description !== 'string' || def.description.trim() === '') problems.push('description must be a non-empty sentence');
  if (typeof def.apply !== 'function') problems.push('apply must be a function');
  if (def.params === null || typeof def.params !== 'object' || Array.isArray(def.params)) {
    problems.push('params must be an object of parameter specs');
    return problems;
  }
  for (const [key, spec] of Object.entries(def.params)) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) problems.push(`parameter name "${key}" must be an identifier`);
    if (spec === null || typeof spec !== 'object' || !PARAM_TYPES.includes(spec.type)) {
      problems.push(`parameter "${key}" must have a type among ${PARAM_TYPES.join(', ')}`);
      continue;
    }
    if (typeof spec.description !== 'string' || spec.description.trim() === '') problems.push(`parameter "${key}" needs a description`);
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) problems.push(`parameter "${key}" has min ${spec.min} > max ${spec.max}`);
    const problem = valueProblem(spec, spec.default);
    if (problem) problems.push(`the default of parameter "${key}" ${problem}`);
  }
  if (def.shorthand !== undefined) {
    const spec = def.params[def.shorthand];
    if (!spec) problems.push(`shorthand "${def.shorthand}" is not one of its parameters`);
    else if (spec.type !== 'number' && spec.type !== 'integer') problems.push(`shorthand "${def.shorthand}" must be a number or integer parameter`);
  }
  if ((def.variants === undefined) !== (def.variant === undefined)) problems.push('variants and variant must be given together');
  if (problems.length === 0) {
    const check = (def as CheckedAugmentationDefinition).check;
    if (check !== undefined && typeof check !== 'function') problems.push('check must be a function');
    else if (check) {
      const defaults: AugmentationParams = {};
      for (const [key, spec] of Object.entries(def.params)) defaults[key] = spec.default;
      try {
        const message = check(defaults);
        if (message) problems.push(`its defaults fail its own check: ${message}`);
      } catch (e) {
        problems.push(`its check throws on its defaults: ${(e as Error).message}`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

interface ParsedName {
  definition: AugmentationDefinition;
  shorthandValue?: number;
  /** The canonical text of the name: `cutout`, `cutout-0.2`. */
  label: string;
}

function parseName(text: string): ParsedName {
  const exact = definitions.get(text);
  if (exact) return { definition: exact, label: text };
  let base: string | undefined;
  for (const name of definitions.keys()) {
    if (text.startsWith(`${name}-`) && (base === undefined || name.length > base.length)) base = name;
  }
  if (base !== undefined) {
    const def = definitions.get(base) as AugmentationDefinition;
    const suffix = text.slice(base.length + 1);
    if (!def.shorthand) {
      const keys = Object.keys(def.params);
      const hint = keys.length > 0
        ? `; set its parameters with { "name": "${base}", "params": { ... } } (${keys.map((k) => `"${k}"`).join(', ')})`
        : '';
      throw new Error(`Augmentation "${base}" takes no shorthand parameter, so "${text}" is not a valid name${hint}`);
    }
    if (!NUMBER_PATTERN.test(suffix)) {
      throw new Error(`"${text}": the part after "${base}-" must be a number (it sets ${base}'s parameter "${def.shorthand}"), got "${suffix}"`);
    }
    const value = Number(suffix);
    return { definition: def, shorthandValue: value, label: `${base}-${formatNumber(value)}` };
  }
  const names = augmentationNames();
  const m = /^(.*)-([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)$/i.exec(text);
  let hint = didYouMean(text, names);
  if (m && !hint) {
    const near = closestName(m[1], names);
    if (near) hint = ` (did you mean "${near}-${m[2]}"?)`;
  }
  throw new Error(`Unknown augmentation "${text}"${hint}`);
}

function formatNumber(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

function formatValue(v: unknown): string {
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v)) return `[${v.map(formatValue).join(',')}]`;
  if (typeof v === 'string') return v === '' || /[\s{}[\]=,"]/.test(v) ? JSON.stringify(v) : v;
  return String(v);
}

function formatParams(params: Readonly<Record<string, unknown>>): string {
  const keys = Object.keys(params).sort();
  return `{${keys.map((k) => `${k}=${formatValue(params[k])}`).join(',')}}`;
}

function rangeText(spec: ParamSpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return ` in [${spec.min}, ${spec.max}]`;
  if (spec.min !== undefined) return ` ≥ ${spec.min}`;
  if (spec.max !== undefined) return ` ≤ ${spec.max}`;
  return '';
}

function inRange(spec: ParamSpec, v: number): boolean {
  return (spec.min === undefined || v >= spec.min) && (spec.max === undefined || v <= spec.max);
}

/** Why the value does not fit the spec ("must be … got …"), or undefined when it does. */
function valueProblem(spec: ParamSpec, v: unknown): string | undefined {
  const range = rangeText(spec);
  const allowed = spec.enum;
  const enumText = allowed ? allowed.map((a) => describeValue(a)).join(', ') : '';
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const kind = spec.type === 'integer' ? 'an integer' : 'a number';
      if (typeof v !== 'number' || !Number.isFinite(v) || (spec.type === 'integer' && !Number.isInteger(v))) {
        return `must be ${kind}${range}, got ${describeValue(v)}`;
      }
      if (!inRange(spec, v)) return `must be${range}, got ${describeValue(v)}`;
      if (allowed && !allowed.includes(v)) return `must be one of ${enumText}, got ${describeValue(v)}`;
      return undefined;
    }
    case 'boolean':
      return typeof v === 'boolean' ? undefined : `must be true or false, got ${describeValue(v)}`;
    case 'string':
      if (typeof v !== 'string') return `must be a string${allowed ? ` (one of ${enumText})` : ''}, got ${describeValue(v)}`;
      if (allowed && !allowed.includes(v)) {
        return `must be one of ${enumText}, got ${describeValue(v)}${didYouMean(v, allowed.filter((a): a is string => typeof a === 'string'))}`;
      }
      return undefined;
    case 'number[]': {
      if (!Array.isArray(v) || v.length === 0) return `must be a non-empty list of numbers${range}, got ${describeValue(v)}`;
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x !== 'number' || !Number.isFinite(x)) return `must be a list of numbers${range}, got ${describeValue(x)} at index ${i}`;
        if (!inRange(spec, x)) return `must be a list of numbers${range}, got ${describeValue(x)} at index ${i}`;
        if (allowed && !allowed.includes(x)) return `must list values among ${enumText}, got ${describeValue(x)} at index ${i}`;
      }
      return undefined;
    }
    default:
      return `has an unknown type ${describeValue((spec as { type: unknown }).type)}`;
  }
}
