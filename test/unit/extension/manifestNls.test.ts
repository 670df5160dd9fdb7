/**
 * The manifest's user-visible strings live in package.nls.json (English, the only language
 * shipped): every `%key%` of package.json resolves, no key is unused, and no user-visible field
 * was left as literal text.
 */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const manifest = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(resolve(ROOT, 'package.nls.json'), 'utf8')) as Record<string, unknown>;

/** Every string of a JSON value, with its path (`contributes.commands[0].title`). */
function strings(value: unknown, at = ''): Array<{ at: string; text: string }> {
  if (typeof value === 'string') return [{ at, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, at ? `${at}.${k}` : k));
  return [];
}

const PLACEHOLDER = /^%([^%\s]+)%$/;

/** The fields VS Code (or the marketplace) shows to a user. */
function visibleFields(): Array<{ at: string; text: unknown }> {
  const c = manifest.contributes;
  const fields: Array<{ at: string; text: unknown }> = [
    { at: 'displayName', text: manifest.displayName },
    { at: 'description', text: manifest.description },
    { at: 'capabilities.untrustedWorkspaces.description', text: manifest.capabilities.untrustedWorkspaces.description },
    { at: 'configuration.title', text: c.configuration.title },
  ];
  for (const cmd of c.commands) {
    fields.push({ at: `${cmd.command}.title`, text: cmd.title }, { at: `${cmd.command}.category`, text: cmd.category });
    if ('shortTitle' in cmd) fields.push({ at: `${cmd.command}.shortTitle`, text: cmd.shortTitle });
  }
  for (const v of c.viewsContainers.activitybar) fields.push({ at: `viewsContainer ${v.id}`, text: v.title });
  for (const views of Object.values(c.views) as Array<Array<{ id: string; name: string; contextualTitle?: string }>>) {
    for (const v of views) {
      fields.push({ at: `view ${v.id}`, text: v.name });
      if (v.contextualTitle !== undefined) fields.push({ at: `view ${v.id}.contextualTitle`, text: v.contextualTitle });
    }
  }
  c.viewsWelcome.forEach((w: { contents: string }, i: number) => fields.push({ at: `viewsWelcome[${i}]`, text: w.contents }));
  for (const [name, p] of Object.entries(c.configuration.properties) as Array<[string, Record<string, unknown>]>) {
    assert.ok(p.description !== undefined || p.markdownDescription !== undefined, `${name} has no description`);
    for (const f of ['description', 'markdownDescription']) if (p[f] !== undefined) fields.push({ at: `${name}.${f}`, text: p[f] });
    ((p.enumDescriptions as unknown[] | undefined) ?? []).forEach((d, i) => fields.push({ at: `${name}.enumDescriptions[${i}]`, text: d }));
  }
  for (const w of c.walkthroughs) {
    fields.push({ at: `${w.id}.title`, text: w.title }, { at: `${w.id}.description`, text: w.description });
    for (const s of w.steps) {
      fields.push({ at: `${w.id}.${s.id}.title`, text: s.title }, { at: `${w.id}.${s.id}.description`, text: s.description });
      if (s.media?.altText !== undefined) fields.push({ at: `${w.id}.${s.id}.media.altText`, text: s.media.altText });
    }
  }
  return fields;
}

describe('manifest strings (package.nls.json)', () => {
  const used = strings(manifest).flatMap(({ at, text }) => {
    const key = PLACEHOLDER.exec(text)?.[1];
    return key ? [{ at, key }] : [];
  });

  it('every %key% of package.json is in package.nls.json, with non-empty text', () => {
    assert.ok(used.length > 50, `only ${used.length} placeholders`);
    for (const { at, key } of used) {
      assert.ok(Object.hasOwn(nls, key), `${at}: %${key}% is not in package.nls.json`);
      assert.equal(typeof nls[key], 'string', key);
      assert.notEqual((nls[key] as string).trim(), '', key);
    }
  });

  it('every key of package.nls.json is used', () => {
    const keys = new Set(used.map((u) => u.key));
    for (const key of Object.keys(nls)) assert.ok(keys.has(key), `${key} is in package.nls.json but not used in package.json`);
  });

  it('no user-visible field of the manifest is literal text', () => {
    const fields = visibleFields();
    assert.ok(fields.length > 50);
    for (const { at, text } of fields) assert.match(String(text), PLACEHOLDER, `${at} is not localisable: ${JSON.stringify(text)}`);
  });

  it('command titles do not repeat their category, and the file ships', () => {
    for (const cmd of manifest.contributes.commands) {
      const title = nls[PLACEHOLDER.exec(cmd.title)?.[1] ?? ''] as string;
      const category = nls[PLACEHOLDER.exec(cmd.category)?.[1] ?? ''] as string;
      assert.ok(!title.startsWith(`${category}:`), `${cmd.command}: "${title}" repeats its category`);
    }
    assert.ok((manifest.files as string[]).includes('package.nls.json'), 'the files field (what the VSIX ships) lists package.nls.json');
  });

  it('declares an l10n bundle folder only if one exists', () => {
    if (manifest.l10n === undefined) return;
    assert.ok(existsSync(resolve(ROOT, manifest.l10n, 'bundle.l10n.json')), `${manifest.l10n}/bundle.l10n.json`);
  });
});
