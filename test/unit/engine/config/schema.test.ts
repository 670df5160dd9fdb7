import assert from 'node:assert/strict';
import { augmentationNames } from '../../../../src/engine/augment';
import { ssadSchema, validateConfig } from '../../../../src/engine/config';

type Node = Record<string, unknown>;

/** Every property schema in the schema, with its path (branches and items included). */
function propertySchemas(node: unknown, at = '#'): Array<{ at: string; schema: Node }> {
  const out: Array<{ at: string; schema: Node }> = [];
  if (node === null || typeof node !== 'object') return out;
  const n = node as Node;
  for (const [key, value] of Object.entries((n.properties as Record<string, Node>) ?? {})) {
    out.push({ at: `${at}/properties/${key}`, schema: value });
    out.push(...propertySchemas(value, `${at}/properties/${key}`));
  }
  if (n.items) out.push(...propertySchemas(n.items, `${at}/items`));
  if (n.additionalProperties && typeof n.additionalProperties === 'object') {
    out.push(...propertySchemas(n.additionalProperties, `${at}/additionalProperties`));
  }
  for (const [i, branch] of ((n.allOf as Node[]) ?? []).entries()) {
    if (branch.then) out.push(...propertySchemas(branch.then, `${at}/allOf/${i}/then`));
  }
  return out;
}

/** Every schema that lists properties (the object shapes), with its path. */
function objectShapes(node: unknown, at = '#'): Array<{ at: string; schema: Node }> {
  const out: Array<{ at: string; schema: Node }> = [];
  if (node === null || typeof node !== 'object') return out;
  const n = node as Node;
  const hasBranches = Array.isArray(n.allOf);
  if (n.properties && !hasBranches) out.push({ at, schema: n });
  for (const [key, value] of Object.entries((n.properties as Record<string, Node>) ?? {})) {
    out.push(...objectShapes(value, `${at}/properties/${key}`));
  }
  if (n.items) out.push(...objectShapes(n.items, `${at}/items`));
  for (const [i, branch] of ((n.allOf as Node[]) ?? []).entries()) {
    if (branch.then) out.push(...objectShapes(branch.then, `${at}/allOf/${i}/then`));
  }
  return out;
}

describe('ssad.schema.json', () => {
  it('is a draft-07 schema for an object', () => {
    assert.equal(ssadSchema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(ssadSchema.type, 'object');
    assert.deepEqual(ssadSchema.required, ['name', 'dataset']);
  });

  it('documents every property (description and markdownDescription) for hover and completion', () => {
    const props = propertySchemas(ssadSchema);
    assert.ok(props.length > 40, `only ${props.length} properties found`);
    for (const { at, schema } of props) {
      assert.equal(typeof schema.description, 'string', `${at} has no description`);
      assert.equal(typeof schema.markdownDescription, 'string', `${at} has no markdownDescription`);
      assert.ok((schema.description as string).length > 10, `${at}: description too short`);
    }
  });

  it('closes every object shape (additionalProperties: false), except the params map', () => {
    for (const { at, schema } of objectShapes(ssadSchema)) {
      if (at.endsWith('/properties/params')) continue;
      assert.equal(schema.additionalProperties, false, `${at} accepts unknown properties`);
    }
  });

  it('names the whole augmentation catalogue in the augmentations docs and completions', () => {
    const props = ssadSchema.properties as Record<string, Node>;
    const augs = props.augmentations;
    const items = augs.items as Node;
    for (const name of augmentationNames()) {
      assert.ok((augs.markdownDescription as string).includes(`\`${name}\``), `augmentations docs miss ${name}`);
      assert.ok((items.examples as string[]).includes(name), `augmentation completions miss ${name}`);
    }
  });

  it('gives enum descriptions as long as their enums', () => {
    for (const { at, schema } of propertySchemas(ssadSchema)) {
      for (const key of ['enumDescriptions', 'markdownEnumDescriptions']) {
        if (schema[key] === undefined) continue;
        assert.equal((schema[key] as unknown[]).length, (schema.enum as unknown[]).length, `${at}.${key}`);
      }
    }
  });

  it('has defaults that are themselves valid: an all-defaults config validates', () => {
    const r = validateConfig({ name: 'defaults', dataset: { source: 'mnist' } });
    assert.ok(r.ok, JSON.stringify(r));
  });

  it('has examples of whole sections that validate', () => {
    const props = ssadSchema.properties as Record<string, Node>;
    for (const tb of props.testbed.examples as unknown[]) {
      const config = (tb as Node).type === 'labeled'
        ? { name: 'e', dataset: { source: 'folder', path: 'x', layout: 'mvtec' }, testbed: tb }
        : { name: 'e', dataset: { source: 'mnist' }, testbed: tb };
      const r = validateConfig(config);
      assert.ok(r.ok, JSON.stringify(r));
    }
    for (const ds of props.dataset.examples as unknown[]) {
      const r = validateConfig({ name: 'e', dataset: ds });
      assert.ok(r.ok, JSON.stringify(r));
    }
  });
});
