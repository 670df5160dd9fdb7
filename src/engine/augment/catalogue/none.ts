import type { CheckedAugmentationDefinition } from '../params';
import { copyBatch } from '../ops/batch';

/** `none`: the identity (a plain autoencoder; the no-self-supervision baseline). Returns a copy. */
export const none: CheckedAugmentationDefinition = {
  name: 'none',
  category: 'none',
  description: 'Identity: images are left unchanged (the no-self-supervision baseline).',
  params: {},
  apply: (batch) => copyBatch(batch),
};
