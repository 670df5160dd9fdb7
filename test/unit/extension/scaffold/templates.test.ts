/**
 * What `SSAD: New Augmentation` and `SSAD: New Experiment Config` write: every template ×
 * purpose type-checks against the written `.d.ts` (strict), loads through the custom loader and
 * keeps the rules (shape, range, input untouched, anomaly mode changes every image); every scale
 * and data set gives a config the engine accepts.
 */
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import { applyAugmentation } from '../../../../src/engine/augment';
import { validateConfig } from '../../../../src/engine/config';
import { augmentationNameProblem, resolveCustomAugmentation } from '../../../../src/engine/custom';
import { createBatch } from '../../../../src/engine/image';
import { Rng } from '../../../../src/engine/random';
import { SCALES, buildExperimentConfig, configFileName, type ScalePreset } from '../../../../src/extension/scaffold/experimentConfig';
import { INTERFACE_DTS, INTERFACE_DTS_FILE } from '../../../../src/extension/scaffold/templates/interfaceDts';
import { PURPOSES, TEMPLATES, renderAugmentationModule } from '../../../../src/extension/scaffold/templates/moduleTemplates';

describe('scaffolded augmentation modules and configs', function () {
  this.timeout(60_000);
  let root: string;
  const dir = (): string => join(root, 'ssad', 'augmentations');

  before(() => {
    root = mkdtempSync(join(tmpdir(), 'ssad-scaffold-'));
    mkdirSync(dir(), { recursive: true });
    writeFileSync(join(dir(), INTERFACE_DTS_FILE), INTERFACE_DTS);
    for (const t of TEMPLATES) {
      for (const p of PURPOSES) {
        const name = `my-${t.id}-${p.id}`;
        writeFileSync(join(dir(), `${name}.ts`), renderAugmentationModule({ name, template: t.id, purpose: p.id, configPath: `./ssad/augmentations/${name}.ts` }));
      }
    }
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('type-checks every generated module against the written .d.ts (strict, nothing installed)', () => {
    const files = TEMPLATES.flatMap((t) => PURPOSES.map((p) => join(dir(), `my-${t.id}-${p.id}.ts`)));
    const program = ts.createProgram(files, { strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, types: [], lib: ['lib.es2022.d.ts'] });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    assert.deepEqual(problems, []);
  });

  for (const t of TEMPLATES) {
    for (const p of PURPOSES) {
      it(`template ${t.id}, purpose ${p.id}: loads, keeps the rules, and changes every image in anomaly mode`, () => {
        const aug = resolveCustomAugmentation(`./ssad/augmentations/my-${t.id}-${p.id}.ts`, root);
        assert.equal(aug.definition.name, `my-${t.id}-${p.id}`);
        const input = createBatch(6, 16, 16, 1);
        for (let i = 0; i < input.data.length; i++) input.data[i] = ((i * 7919) % 101) / 100;
        applyAugmentation(aug, input, new Rng(0, 'train'), 'train');
        const out = applyAugmentation(aug, input, new Rng(0, 'anomaly'), 'anomaly');
        const size = 16 * 16;
        for (let i = 0; i < 6; i++) {
          const changed = out.data.subarray(i * size, (i + 1) * size).some((v, k) => v !== input.data[i * size + k]);
          assert.ok(changed, `anomaly mode changed image ${i}`);
        }
      });
    }
  }

  it('names follow the registry\'s rules and are not built-ins', () => {
    assert.equal(augmentationNameProblem('soft-scar'), undefined);
    assert.match(augmentationNameProblem('cutout') ?? '', /built-in/);
    assert.match(augmentationNameProblem('Soft Scar') ?? '', /lower-case words joined by hyphens/);
    assert.match(augmentationNameProblem('scar-2') ?? '', /lower-case words/);
    assert.match(augmentationNameProblem('') ?? '', /required/);
  });

  it('every data set × scale preset gives a config the engine validates', () => {
    for (const scale of Object.keys(SCALES) as ScalePreset[]) {
      for (const dataset of ['mnist', 'shapes'] as const) {
        const config = buildExperimentConfig(
          { name: `t ${scale}`, dataset, testbed: 'synthetic', augmentations: ['rotate', './ssad/augmentations/my-patch-both.ts'], anomalies: ['flip', './ssad/augmentations/my-pixel-anomaly.ts'], detector: 'dae', scale },
          './ssad/ssad.schema.json',
        );
        const checked = validateConfig(config, { baseDir: root });
        assert.ok(checked.ok, JSON.stringify(!checked.ok && checked.errors));
        assert.deepEqual((config.augmentations as string[])[0], 'none', 'the baseline comes first');
      }
    }
    const rotnet = buildExperimentConfig({ name: 's', dataset: 'mnist', testbed: 'semantic', augmentations: [], detector: 'rotnet', scale: 'quick' });
    const semantic = validateConfig(rotnet, { baseDir: root });
    assert.ok(semantic.ok, JSON.stringify(!semantic.ok && semantic.errors));
    assert.deepEqual(rotnet.augmentations, ['rotate'], 'rotnet has no none row; rotate by default');
    assert.equal(configFileName('My Experiment!'), 'my-experiment.ssad.json');
  });
});
