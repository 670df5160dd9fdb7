/**
 * The preview's parameter controls, made from the catalogue's real metadata: which control each
 * parameter type gets, how raw input becomes a value, and the config entry for the changes.
 */
import { strict as assert } from 'node:assert';
import { resolveAugmentation } from '../../../src/engine/augment';
import { changedParams, configSnippet, paramControls, parseParamInput, withParam, type ParamControl } from '../../../src/shared/previewParams';
import type { PreviewParamSpec } from '../../../src/shared/previewProtocol';

function specsOf(name: string): Record<string, PreviewParamSpec> {
  return { ...resolveAugmentation(name).definition.params } as Record<string, PreviewParamSpec>;
}

function control(controls: ParamControl[], name: string): ParamControl {
  const found = controls.find((c) => c.name === name);
  assert.ok(found, `a control for ${name}`);
  return found;
}

describe('preview parameter controls', () => {
  it('gives a bounded number a slider with a step of a hundredth of its range, in the metadata order', () => {
    const controls = paramControls(specsOf('cutout'));
    assert.deepEqual(controls.map((c) => c.name), ['area', 'minArea', 'maxArea', 'minAspect', 'maxAspect', 'fill', 'p']);
    const fill = control(controls, 'fill');
    assert.equal(fill.kind, 'range');
    if (fill.kind !== 'range') return;
    assert.deepEqual([fill.min, fill.max, fill.step, fill.value, fill.integer], [0, 1, 0.01, 0, false]);
    const aspect = control(controls, 'maxAspect');
    assert.equal(aspect.kind === 'range' ? aspect.step : undefined, 0.1, 'range 0.01–100');
    assert.match(fill.hint, /Range 0 to 1\. Default 0\.$/);
  });

  it('shows given values instead of the defaults', () => {
    const fill = control(paramControls(specsOf('cutout'), { fill: 0.5 }), 'fill');
    assert.equal(fill.value, 0.5);
  });

  it('gives integers step 1, enums a select, booleans a checkbox and lists a text of numbers', () => {
    const blur = paramControls(specsOf('blur'));
    const padding = control(blur, 'padding');
    assert.equal(padding.kind, 'select');
    assert.deepEqual(padding.kind === 'select' ? padding.options.map((o) => o.value) : [], ['reflect', 'zero']);
    const integer = blur.find((c) => c.kind === 'range' && c.integer);
    assert.ok(integer && integer.kind === 'range' && integer.step === 1, 'an integer parameter steps by 1');
    assert.equal(control(paramControls(specsOf('noise')), 'clip').kind, 'checkbox');
    const angles = control(paramControls(specsOf('rotate')), 'angles');
    assert.deepEqual([angles.kind, angles.value], ['list', '-90, 0, 90, 180']);
  });

  it('uses a plain number input where the range is unbounded or too wide for a slider', () => {
    const specs: Record<string, PreviewParamSpec> = {
      open: { type: 'number', default: 1, min: 0, description: 'No upper bound.' },
      wide: { type: 'integer', default: 1, min: 0, max: 100_000, description: 'Too many steps.' },
      free: { type: 'string', default: 'x', description: 'Any text.' },
    };
    assert.deepEqual(paramControls(specs).map((c) => c.kind), ['number', 'number', 'text']);
  });

  it('parses raw input by the parameter type and refuses what is not of it, naming the parameter', () => {
    const specs = { ...specsOf('cutout'), ...specsOf('rotate'), ...specsOf('noise') };
    assert.deepEqual(parseParamInput('fill', specs.fill, ' 0.25 '), { ok: true, value: 0.25 });
    assert.deepEqual(parseParamInput('angles', specs.angles, '[0, 90  180]'), { ok: true, value: [0, 90, 180] });
    assert.deepEqual(parseParamInput('clip', specs.clip, true), { ok: true, value: true });
    const bad = parseParamInput('fill', specs.fill, 'abc');
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.error, /"fill" must be a number, got "abc"/);
    assert.equal(parseParamInput('fill', specs.fill, '').ok, false);
    assert.match((parseParamInput('angles', specs.angles, '0, x') as { error: string }).error, /"angles" must be numbers separated by commas, got "x"/);
    const integer: PreviewParamSpec = { type: 'integer', default: 1, description: 'An integer.' };
    assert.equal(parseParamInput('k', integer, '1.5').ok, false);
  });

  it('keeps only the values that differ from the defaults, and writes the config entry for them', () => {
    const specs = specsOf('cutout');
    assert.deepEqual(changedParams(specs, resolveAugmentation('cutout-0.2').params), { area: 0.2 });
    let changed = withParam(specs, {}, 'fill', 1);
    assert.deepEqual(changed, { fill: 1 });
    changed = withParam(specs, changed, 'area', 0.1);
    assert.deepEqual(changed, { area: 0.1, fill: 1 });
    assert.deepEqual(withParam(specs, changed, 'fill', 0), { area: 0.1 }, 'back at its default: dropped');
    assert.equal(configSnippet('cutout', {}), '"cutout"');
    assert.equal(configSnippet('cutout', changed), '{"name":"cutout","params":{"area":0.1,"fill":1}}');
    // The snippet is an entry the engine accepts, with the same parameters.
    const entry = JSON.parse(configSnippet('cutout', changed)) as { name: string; params: Record<string, number> };
    assert.equal(resolveAugmentation(entry).params.fill, 1);
    assert.deepEqual(changedParams(specsOf('rotate'), { angles: [-90, 0, 90, 180] }), {}, 'lists compare by value');
  });
});
