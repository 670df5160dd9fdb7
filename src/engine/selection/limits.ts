/**
 * Sizes of the label-free selection's sets. Pairwise criteria cost O(n²·d) per cell, so every set
 * is subsampled (seeded) to at most MAX_SET_ROWS; results record the sizes used.
 */
export const MAX_SET_ROWS = 1000;

