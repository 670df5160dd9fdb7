/**
 * The augmentation preview: messages between the extension host and the preview child process
 * (which loads the augmentation — built-in or custom — reads the images and renders a PNG), and
 * between the host and the preview webview. Shared by all three; no runtime imports.
 */
import type { AugmentationParamValue, AugmentationRef, DatasetConfig, ParamSpec } from './config';

export const PREVIEW_VIEW_TYPE = 'ssad.preview';

/** A parameter's metadata as the catalogue (or a custom module) declares it. */
export type PreviewParamSpec = ParamSpec;

/** The images of a config's data set to preview on, as its training would read them. */
export interface PreviewDataRequest {
  /** The config file (absolute), and as shown to the user (relative to the workspace). */
  configFile: string;
  configLabel: string;
  /** The validated `dataset` section (defaults filled in). */
  dataset: DatasetConfig;
  /** The config's folder: a relative `dataset.path` resolves against it, as in a run. */
  baseDir: string;
  /** The run's data seed (`seeds[0]`): the split of a `classes` folder and the `shapes` data. */
  seed: number;
  /** `runtime.maxImagePixels`. */
  maxImagePixels?: number;
}

/** Host → preview child: render one augmentation on real samples. */
export interface PreviewRequest {
  type: 'render';
  augmentation: AugmentationRef;
  /** Folder that a custom module's relative path resolves against (the workspace folder). */
  baseDir: string;
  /** Images per row. */
  count: number;
  seed: number;
  /** Folder of the embedded MNIST files, when not found next to the bundle. */
  mnistDir?: string;
  /** The config's data set; absent: MNIST test digits, for `fallbackReason`. */
  data?: PreviewDataRequest;
  /** Why there is no config data set (shown with the MNIST digits). */
  fallbackReason?: string;
}

/** Which images the preview shows. */
export type PreviewSource =
  | {
      kind: 'config';
      /** The config, relative to the workspace. */
      config: string;
      /** `folder 'data/screws' (mvtec)`, `mnist`, `shapes`. */
      dataset: string;
      /** The normal class(es) the images come from. */
      classes: string[];
      imageSize: number;
      channels: 1 | 3;
      /** For a folder data set, the files shown (relative to its root). */
      files?: string[];
      /** A caveat, e.g. how the channel count was decided. */
      note?: string;
    }
  | { kind: 'mnist'; imageSize: number; channels: 1; reason: string };

/** Preview child → host. */
export type PreviewReply =
  | {
      type: 'rendered';
      id: string;
      name: string;
      description: string;
      rows: string[];
      pngBase64: string;
      width: number;
      height: number;
      source: PreviewSource;
      /** What a config names: the catalogue name, or the module path as written. */
      base: string;
      /** The augmentation's parameters (empty for a module that declares none). */
      specs: Record<string, PreviewParamSpec>;
      /** Every parameter's value in this render, defaults filled in. */
      params: Record<string, AugmentationParamValue>;
    }
  /** `invalidParams`: the augmentation loaded but refused the parameters (the message says why). */
  | { type: 'failed'; error: string; invalidParams?: boolean };

/**
 * What the panel previews, enough to render it again after a window reload (it is kept in the
 * webview's state, which VS Code hands back to the panel's serializer).
 */
export interface PreviewTargetState {
  /** The reference as first given (a catalogue name, a module path). */
  label: string;
  ref: AugmentationRef;
  baseDir: string;
  /** The module file of a custom augmentation. */
  file?: string;
  /** Parameters changed in the panel (those that differ from the defaults). */
  params: Record<string, AugmentationParamValue>;
  /** The config whose data set is shown; absent: MNIST. */
  configFile?: string;
}

/** The augmentation's parameters in the panel. */
export interface PreviewParams {
  base: string;
  specs: Record<string, PreviewParamSpec>;
  values: Record<string, AugmentationParamValue>;
  /** Why the last change was refused (the engine's own validation message). */
  error?: string;
}

/** What the preview webview shows: a snapshot, re-sent in full after each `ready`. */
export type PreviewState = (
  | { kind: 'loading'; id: string }
  | {
      kind: 'image';
      id: string;
      description: string;
      imageUri: string;
      width: number;
      height: number;
      rows: string[];
      renderedAt: string;
      source: PreviewSource;
    }
  | { kind: 'error'; id: string; error: string }
) & {
  target: PreviewTargetState;
  /** A new render is on its way (the panel keeps showing the last one meanwhile). */
  busy?: boolean;
  /** Known once a render succeeded; kept while a new one renders or fails. */
  params?: PreviewParams;
};

export type PreviewHostToWebview = { type: 'preview'; state: PreviewState };

export type PreviewWebviewToHost =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'setParam'; name: string; value: AugmentationParamValue }
  | { type: 'resetParams' }
  | { type: 'copySnippet'; text: string };

const PARAM_VALUE = (v: unknown): boolean =>
  typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'number'));

export function isPreviewWebviewToHost(message: unknown): message is PreviewWebviewToHost {
  const m = message as { type?: unknown; name?: unknown; value?: unknown; text?: unknown } | null;
  switch (m?.type) {
    case 'ready':
    case 'refresh':
    case 'resetParams':
      return true;
    case 'setParam':
      return typeof m.name === 'string' && PARAM_VALUE(m.value);
    case 'copySnippet':
      return typeof m.text === 'string';
    default:
      return false;
  }
}
