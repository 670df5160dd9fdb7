/**
 * The preview panel's parameter controls, from an augmentation's parameter metadata: which
 * control each parameter gets, how a control's raw input becomes a value, which values differ from
 * the defaults, and the config entry that sets them. Pure: the webview draws what these return and
 * the host keeps the values; the range checks themselves stay the engine's.
 */
import type { AugmentationParamValue } from './config';
import type { PreviewParamSpec } from './previewProtocol';

interface ControlBase {
  name: string;
  description: string;
  default: AugmentationParamValue;
  /** The control's `title`: the description, the allowed values and the default. */
  hint: string;
}

export type ParamControl = ControlBase &
  (
    | { kind: 'range'; value: number; min: number; max: number; step: number; integer: boolean }
    | { kind: 'number'; value: number; min?: number; max?: number; integer: boolean }
    | { kind: 'checkbox'; value: boolean }
    | { kind: 'select'; value: string; options: Array<{ value: string; label: string }> }
    | { kind: 'text'; value: string }
    /** A `number[]`, typed as comma-separated numbers. */
    | { kind: 'list'; value: string; min?: number; max?: number }
  );

export type ParsedInput = { ok: true; value: AugmentationParamValue } | { ok: false; error: string };

/** A slider only where the range is bounded and small enough to aim at with a mouse. */
const MAX_SLIDER_STEPS = 1000;

/** 10^k close to a hundredth of the range (0.01 for [0, 1], 0.1 for [0.01, 100], 1 for integers). */
function sliderStep(spec: PreviewParamSpec, min: number, max: number): number {
  if (spec.type === 'integer') return 1;
  const span = max - min;
  return span > 0 ? 10 ** Math.floor(Math.log10(span / 100)) : 1;
}

function rangeHint(spec: PreviewParamSpec): string {
  if (spec.min !== undefined && spec.max !== undefined) return ` Range ${spec.min} to ${spec.max}.`;
  if (spec.min !== undefined) return ` At least ${spec.min}.`;
  if (spec.max !== undefined) return ` At most ${spec.max}.`;
  return '';
}

/** The text a value has in a control (a list as `-90, 0, 90`). */
export function formatParamValue(value: AugmentationParamValue): string {
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** One control per parameter, in the order the metadata lists them, showing `values` (else the defaults). */
export function paramControls(specs: Readonly<Record<string, PreviewParamSpec>>, values: Readonly<Record<string, AugmentationParamValue>> = {}): ParamControl[] {
  return Object.entries(specs).map(([name, spec]) => {
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : spec.default;
    const choices = spec.enum ? ` One of ${spec.enum.map(formatParamValue).join(', ')}.` : '';
    const base: ControlBase = {
      name,
      description: spec.description,
      default: spec.default,
      hint: `${spec.description}${rangeHint(spec)}${choices} Default ${formatParamValue(spec.default)}.`,
    };
    if (spec.enum && spec.type !== 'number[]' && spec.type !== 'boolean') {
      return { ...base, kind: 'select', value: String(value), options: spec.enum.map((v) => ({ value: String(v), label: formatParamValue(v) })) };
    }
    switch (spec.type) {
      case 'boolean':
        return { ...base, kind: 'checkbox', value: value === true };
      case 'number':
      case 'integer': {
        const integer = spec.type === 'integer';
        const v = typeof value === 'number' ? value : Number(spec.default);
        const { min, max } = spec;
        if (min !== undefined && max !== undefined) {
          const step = sliderStep(spec, min, max);
          if ((max - min) / step <= MAX_SLIDER_STEPS) return { ...base, kind: 'range', value: v, min, max, step, integer };
        }
        return { ...base, kind: 'number', value: v, min, max, integer };
      }
      case 'number[]':
        return { ...base, kind: 'list', value: formatParamValue(value), min: spec.min, max: spec.max };
      default:
        return { ...base, kind: 'text', value: String(value) };
    }
  });
}

/**
 * A control's raw input as a parameter value of the spec's type: `"0.25"` → 0.25, `"-90, 90"` →
 * [-90, 90], a select's text back to the number it stands for. Refuses what is not even of the
 * right type, naming the parameter; ranges and cross-parameter rules are the engine's to check.
 */
export function parseParamInput(name: string, spec: PreviewParamSpec, raw: string | boolean): ParsedInput {
  if (spec.type === 'boolean') {
    return typeof raw === 'boolean' ? { ok: true, value: raw } : { ok: false, error: `parameter "${name}" must be true or false` };
  }
  const text = String(raw).trim();
  const number = (s: string): number | undefined => (s !== '' && Number.isFinite(Number(s)) ? Number(s) : undefined);
  switch (spec.type) {
    case 'number':
    case 'integer': {
      const v = number(text);
      if (v === undefined) return { ok: false, error: `parameter "${name}" must be a number, got "${text}"` };
      if (spec.type === 'integer' && !Number.isInteger(v)) return { ok: false, error: `parameter "${name}" must be an integer, got ${v}` };
      return { ok: true, value: v };
    }
    case 'number[]': {
      const parts = text.replace(/^\[|\]$/g, '').split(/[\s,]+/).filter((p) => p !== '');
      if (parts.length === 0) return { ok: false, error: `parameter "${name}" must list at least one number` };
      const values: number[] = [];
      for (const part of parts) {
        const v = number(part);
        if (v === undefined) return { ok: false, error: `parameter "${name}" must be numbers separated by commas, got "${part}"` };
        values.push(v);
      }
      return { ok: true, value: values };
    }
    default:
      return { ok: true, value: text };
  }
}

function sameValue(a: AugmentationParamValue | undefined, b: AugmentationParamValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => x === b[i]);
  return a === b;
}

/** The values that differ from their defaults (what a config has to write), in the metadata's order. */
export function changedParams(
  specs: Readonly<Record<string, PreviewParamSpec>>,
  values: Readonly<Record<string, AugmentationParamValue>>,
): Record<string, AugmentationParamValue> {
  const out: Record<string, AugmentationParamValue> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (Object.prototype.hasOwnProperty.call(values, name) && !sameValue(values[name], spec.default)) out[name] = values[name];
  }
  return out;
}

/** `changed` with one parameter set (dropped again when it is back at its default). */
export function withParam(
  specs: Readonly<Record<string, PreviewParamSpec>>,
  changed: Readonly<Record<string, AugmentationParamValue>>,
  name: string,
  value: AugmentationParamValue,
): Record<string, AugmentationParamValue> {
  return changedParams(specs, { ...changed, [name]: value });
}

/** The entry of a config's `augmentations` (or `testbed.anomalies`) for these parameters, as JSON. */
export function configSnippet(base: string, changed: Readonly<Record<string, AugmentationParamValue>>): string {
  if (Object.keys(changed).length === 0) return JSON.stringify(base);
  return JSON.stringify({ name: base, params: changed });
}
