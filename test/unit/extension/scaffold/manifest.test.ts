/**
 * The scaffolding's contributions in package.json hold together: its commands, the
 * `ssad.augmentationsDirectory` setting, snippets that parse (offered by a completion provider,
 * not a static contribution), and a walkthrough whose media exist (Markdown, or a screenshot per
 * theme kind) and whose steps complete on contributed commands.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../../..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;

/** A walkthrough step's media: a Markdown file, or an image (one path, or one per theme kind). */
interface StepMedia {
  markdown?: string;
  image?: string | Record<string, string>;
  altText?: string;
}

function mediaPaths(media: StepMedia): string[] {
  if (media.markdown) return [media.markdown];
  return typeof media.image === 'string' ? [media.image] : Object.values(media.image ?? {});
}

describe('scaffolding contributions (package.json)', () => {
  const commands = new Set<string>(contributes.commands.map((c: { command: string }) => c.command));

  it('contributes the three commands and the augmentations folder setting', () => {
    for (const c of ['ssad.newAugmentation', 'ssad.newExperimentConfig', 'ssad.previewAugmentation']) assert.ok(commands.has(c), c);
    assert.equal(contributes.configuration.properties['ssad.augmentationsDirectory'].default, 'ssad/augmentations');
  });

  it('snippets parse and have prefixes and bodies, and are not bound to whole languages', () => {
    for (const file of ['snippets/ssad-config.json', 'snippets/ssad-augmentation.json']) {
      const snippets = JSON.parse(readFileSync(resolve(ROOT, file), 'utf8')) as Record<string, { prefix: string; description: string; body: string[] }>;
      assert.ok(Object.keys(snippets).length > 0, file);
      for (const [name, snippet] of Object.entries(snippets)) assert.ok(snippet.prefix && snippet.description && snippet.body.length > 0, name);
    }
    // A static contribution would offer them in every JSON or TypeScript file; a completion
    // provider offers them where they belong, and the bundle carries them.
    assert.equal(contributes.snippets, undefined);
  });

  it('a walkthrough image has all four theme variants (light, dark, hc, hcLight) and alt text', () => {
    const images = contributes.walkthroughs[0].steps.filter((s: { media: StepMedia }) => s.media.image);
    assert.ok(images.length > 0, 'a step shows a screenshot');
    for (const { id, media } of images as Array<{ id: string; media: StepMedia }>) {
      assert.equal(typeof media.image, 'object', `${id}: one image per theme kind`);
      assert.deepEqual(Object.keys(media.image as object).sort(), ['dark', 'hc', 'hcLight', 'light'], id);
      assert.ok(media.altText && media.altText.length > 20, `${id}: alt text`);
    }
  });

  it('the walkthrough: run the quickstart → read the heatmap → write → preview → run your config → choose without labels', () => {
    const [walkthrough] = contributes.walkthroughs;
    assert.deepEqual(walkthrough.steps.map((s: { id: string }) => s.id), ['quickstart', 'heatmap', 'newAugmentation', 'preview', 'runConfig', 'selection']);
    for (const step of walkthrough.steps) {
      assert.ok(existsSync(resolve(ROOT, mediaPaths(step.media)[0] ?? '')), `${step.id} has media`);
      for (const file of mediaPaths(step.media)) assert.ok(existsSync(resolve(ROOT, file)), file);
      for (const event of step.completionEvents) {
        const command = /^onCommand:(.+)$/.exec(event)?.[1];
        assert.ok(command && commands.has(command), `${step.id} completes on a contributed command (${event})`);
      }
    }
  });
});
