/**
 * The preview's target from the state its webview saved, as VS Code hands it back after a window
 * reload. The state is read as untrusted JSON: anything malformed gives no target.
 */
import type { AugmentationParamValue, AugmentationRef } from '../../shared/config';
import type { PreviewTargetState } from '../../shared/previewProtocol';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

function isParamValue(v: unknown): v is AugmentationParamValue {
  return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'number'));
}

function paramsOf(v: unknown): Record<string, AugmentationParamValue> | undefined {
  if (v === undefined) return {};
  if (!isObject(v) || !Object.values(v).every(isParamValue)) return undefined;
  return v as Record<string, AugmentationParamValue>;
}

function refOf(v: unknown): AugmentationRef | undefined {
  if (typeof v === 'string' && v !== '') return v;
  if (!isObject(v) || typeof v.name !== 'string') return undefined;
  const params = paramsOf(v.params);
  return params ? { name: v.name, params } : undefined;
}

export function restoredTarget(saved: unknown): PreviewTargetState | undefined {
  const t = isObject(saved) ? saved.target : undefined;
  if (!isObject(t) || typeof t.label !== 'string' || typeof t.baseDir !== 'string') return undefined;
  const ref = refOf(t.ref);
  const params = paramsOf(t.params);
  if (!ref || !params) return undefined;
  if (t.file !== undefined && typeof t.file !== 'string') return undefined;
  if (t.configFile !== undefined && typeof t.configFile !== 'string') return undefined;
  return {
    label: t.label,
    ref,
    baseDir: t.baseDir,
    params,
    ...(typeof t.file === 'string' ? { file: t.file } : {}),
    ...(typeof t.configFile === 'string' ? { configFile: t.configFile } : {}),
  };
}
