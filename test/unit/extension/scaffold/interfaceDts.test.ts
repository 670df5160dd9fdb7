/**
 * The `.d.ts` written next to users' modules restates the engine's augmentation interface: this
 * test keeps the two in step, declaration by declaration and member by member, and checks that
 * its `Rng` lists exactly the public methods of the engine's generator.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as ts from 'typescript';
import { Rng } from '../../../../src/engine/random';
import { INTERFACE_DTS } from '../../../../src/extension/scaffold/templates/interfaceDts';

type Shape = Map<string, string>;

function normalise(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/;\s*}/g, ' }').trim();
}

/** Each top-level interface or type alias → its members (name, optionality, type text). */
function declarations(fileName: string, text: string): Map<string, Shape | string> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const out = new Map<string, Shape | string>();
  for (const statement of source.statements) {
    if (ts.isTypeAliasDeclaration(statement)) out.set(statement.name.text, normalise(statement.type.getText(source)));
    if (ts.isInterfaceDeclaration(statement)) {
      const members: Shape = new Map();
      for (const m of statement.members) {
        const name = m.name ? m.name.getText(source) : '';
        const copy = m.getText(source).replace(/\/\*\*[\s\S]*?\*\//g, '');
        members.set(name, normalise(copy));
      }
      out.set(statement.name.text, members);
    }
  }
  return out;
}

describe('ssad-augmentation.d.ts', () => {
  const engine = declarations('types.ts', readFileSync(resolve(__dirname, '../../../../src/engine/augment/types.ts'), 'utf8'));
  // ParamSpec is shared with the preview's protocol, so it lives with the config types.
  const shared = declarations('config.ts', readFileSync(resolve(__dirname, '../../../../src/shared/config.ts'), 'utf8'));
  engine.set('ParamSpec', shared.get('ParamSpec')!);
  const written = declarations('ssad-augmentation.d.ts', INTERFACE_DTS);

  it('declares every type of the engine interface with the same members and types', () => {
    for (const name of ['AugmentationCategory', 'AugmentationMode', 'ParamSpec', 'AugmentationParams', 'AugmentationDefinition']) {
      const a = engine.get(name);
      const b = written.get(name);
      assert.ok(a !== undefined, `types.ts declares ${name}`);
      assert.ok(b !== undefined, `the .d.ts declares ${name}`);
      if (typeof a === 'string') assert.equal(b, a, name);
      else assert.deepEqual([...(b as Shape).entries()], [...a.entries()], name);
    }
  });

  it('declares what the interface imports: ImageBatch (same members), Rng and AugmentationParamValue', () => {
    const image = declarations('image.ts', readFileSync(resolve(__dirname, '../../../../src/engine/image.ts'), 'utf8')).get('ImageBatch');
    assert.deepEqual([...(written.get('ImageBatch') as Shape).entries()], [...(image as Shape).entries()]);
    const config = declarations('config.ts', readFileSync(resolve(__dirname, '../../../../src/shared/config.ts'), 'utf8')).get('AugmentationParamValue');
    assert.equal(written.get('AugmentationParamValue'), config);
    const methods = Object.getOwnPropertyNames(Rng.prototype).filter((n) => n !== 'constructor').sort();
    assert.deepEqual([...(written.get('Rng') as Shape).keys()].sort(), methods);
  });
});
