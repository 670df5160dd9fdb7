/**
 * Sizes of the label-free selection's sets. Pairwise criteria cost O(n²·d) per cell, so every set
 * is subsampled (seeded) to at most MAX_SET_ROWS; results record the sizes used.
 */
export const MAX_SET_ROWS = 1000;

/**
 * Training images of the normal class that no detector trains on, scored for the held-out
 * baseline: taken from the images `dataset.maxTrain` left out, never from the training sample.
 */
export const HELD_OUT_NORMALS = 500;
