/**
 * The preview child process (bundled as `dist/previewWorker.js`): forked by the extension host
 * for one preview, it loads the augmentation — a custom module runs here, never on the host's
 * thread — renders the sheet, replies with the PNG and exits. A fresh process per preview also
 * means a saved module is always read anew.
 */
import { resolveAugmentationRef } from '../augment';
import { resolveCustomAugmentation } from '../custom';
import { mnistPreviewDigits } from '../custom/mnistSamples';
import { renderPreviewSheet } from '../custom/previewSheet';
import { defaultMnistDir } from '../data';
import type { PreviewReply, PreviewRequest } from '../../shared/previewProtocol';
import { errorMessage } from '../../shared/errorMessage';

function reply(message: PreviewReply): void {
  if (process.send) process.send(message, () => process.exit(0));
  else process.exit(0);
}

function render(request: PreviewRequest): PreviewReply {
  const ref = request.augmentation;
  const aug = resolveAugmentationRef(ref, (moduleRef) => resolveCustomAugmentation(moduleRef, request.baseDir));
  const images = mnistPreviewDigits(request.mnistDir ?? defaultMnistDir(), request.count);
  const sheet = renderPreviewSheet(aug, images, request.seed);
  const png = Buffer.from(sheet.png);
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
  };
}

process.once('message', (request: PreviewRequest) => {
  try {
    reply(render(request));
  } catch (error) {
    reply({ type: 'failed', error: errorMessage(error) });
  }
});
process.on('disconnect', () => process.exit(0));
