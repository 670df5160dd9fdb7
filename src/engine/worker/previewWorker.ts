/**
 * The preview child process (bundled as `dist/previewWorker.js`): forked by the extension host
 * for one preview, it loads the augmentation — a custom module runs here, never on the host's
 * thread — reads the images (the config's data set, or MNIST), renders the sheet, replies with
 * the PNG and exits. A fresh process per preview also means a saved module is always read anew.
 */
import { isModulePath, resolveAugmentationRef } from '../augment';
import type { ResolvedAugmentation } from '../augment/types';
import { resolveCustomAugmentation } from '../custom';
import { renderPreviewSheet } from '../custom/previewSheet';
import { previewImages } from '../preview/previewImages';
import type { AugmentationRef } from '../../shared/config';
import type { PreviewParamSpec, PreviewReply, PreviewRequest } from '../../shared/previewProtocol';
import { errorMessage } from '../../shared/errorMessage';

function reply(message: PreviewReply): void {
  if (process.send) process.send(message, () => process.exit(0));
  else process.exit(0);
}

function baseName(ref: AugmentationRef): string {
  return typeof ref === 'string' ? ref : ref.name;
}

/**
 * The augmentation the request names. A reference with parameters is resolved twice: without
 * them first, so that a module that fails to load is told apart from parameters it refuses.
 */
function resolve(request: PreviewRequest): ResolvedAugmentation | PreviewReply {
  const ref = request.augmentation;
  const load = (r: AugmentationRef): ResolvedAugmentation => resolveAugmentationRef(r, (moduleRef) => resolveCustomAugmentation(moduleRef, request.baseDir));
  const hasParams = typeof ref === 'object' && Object.keys(ref.params ?? {}).length > 0;
  if (hasParams) {
    try {
      load(isModulePath(ref) ? baseName(ref) : { name: baseName(ref) });
    } catch (error) {
      return { type: 'failed', error: errorMessage(error) };
    }
  }
  try {
    return load(ref);
  } catch (error) {
    return { type: 'failed', error: errorMessage(error), ...(hasParams ? { invalidParams: true } : {}) };
  }
}

async function render(request: PreviewRequest): Promise<PreviewReply> {
  const aug = resolve(request);
  if ('type' in aug) return aug;
  const { images, source } = await previewImages({ data: request.data, fallbackReason: request.fallbackReason, count: request.count, mnistDir: request.mnistDir });
  const sheet = renderPreviewSheet(aug, images, request.seed);
  const png = Buffer.from(sheet.png);
  const specs: Record<string, PreviewParamSpec> = {};
  for (const [name, spec] of Object.entries(aug.definition.params)) {
    specs[name] = { type: spec.type, default: spec.default, description: spec.description, ...(spec.min !== undefined ? { min: spec.min } : {}), ...(spec.max !== undefined ? { max: spec.max } : {}), ...(spec.enum ? { enum: [...spec.enum] } : {}) };
  }
  const ref = request.augmentation;
  return {
    type: 'rendered',
    id: aug.id,
    name: aug.definition.name,
    description: aug.definition.description,
    rows: sheet.rows,
    pngBase64: png.toString('base64'),
    // A PNG's IHDR: width and height are the big-endian words at bytes 16 and 20.
    width: png.readUInt32BE(16),
    height: png.readUInt32BE(20),
    source,
    base: isModulePath(ref) ? baseName(ref) : aug.definition.name,
    specs,
    params: aug.params,
  };
}

process.once('message', (request: PreviewRequest) => {
  render(request).then(reply, (error: unknown) => reply({ type: 'failed', error: errorMessage(error) }));
});
process.on('disconnect', () => process.exit(0));
