/** The built-in augmentation catalogue, in the order of the study's table. */
import type { CheckedAugmentationDefinition } from '../params';
import { none } from './none';
import { rotate } from './rotate';
import { flip } from './flip';
import { geom } from './geom';
import { crop } from './crop';
import { mask } from './mask';
import { noise } from './noise';
import { blur } from './blur';
import { invert } from './invert';
import { color } from './color';
import { cutout } from './cutout';
import { cutpaste } from './cutpaste';
import { cpScar } from './cp-scar';
import { simclr } from './simclr';

export { none, rotate, flip, geom, crop, mask, noise, blur, invert, color, cutout, cutpaste, cpScar, simclr };

export const CATALOGUE: readonly CheckedAugmentationDefinition[] = [
  none, rotate, flip, geom, crop, mask, noise, blur, invert, color, cutout, cutpaste, cpScar, simclr,
];
