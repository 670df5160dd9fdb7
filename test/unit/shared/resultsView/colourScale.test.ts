import { strict as assert } from 'node:assert';
import { colourAt, divergingScale, luminance, sequentialScale, textColourOn } from '../../../../src/shared/resultsView/colourScale';

describe('heatmap colour scales', () => {
  it('diverging: symmetric around 0, white at 0, orange below, blue above', () => {
    const s = divergingScale([-0.03, 0.2]);
    assert.equal(s.min, -0.2);
    assert.equal(s.max, 0.2);
    assert.equal(colourAt(s, 0), '#f7f7f7');
    const below = colourAt(s, -0.2);
    const above = colourAt(s, 0.2);
    assert.equal(below, '#b35806');
    assert.equal(above, '#2166ac');
    // Clamped outside the domain.
    assert.equal(colourAt(s, -5), below);
  });

  it('diverging: at least ±0.05 wide so tiny differences stay pale', () => {
    const s = divergingScale([0.001]);
    assert.equal(s.max, 0.05);
  });

  it('sequential: from the data minimum (≤ 0.5, rounded down to 0.05) to 1, dark to light', () => {
    const s = sequentialScale([0.71, 0.93]);
    assert.equal(s.min, 0.5);
    assert.equal(s.max, 1);
    assert.ok(Math.abs(sequentialScale([0.33]).min - 0.3) < 1e-9);
    assert.ok(luminance(colourAt(s, 1)) > luminance(colourAt(s, 0.5)));
  });

  it('picks black text on light cells and white on dark ones', () => {
    assert.equal(textColourOn('#f7f7f7'), '#000000');
    assert.equal(textColourOn('#440154'), '#ffffff');
    assert.equal(textColourOn('#fde725'), '#000000');
  });
});
