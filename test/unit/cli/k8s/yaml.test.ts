/**
 * The YAML writer of `ssad k8s`: everything it writes must read back as the same data under
 * YAML 1.1 (the flavour of Kubernetes' parser, where `yes` and `0777` are not strings) and 1.2.
 */
import { strict as assert } from 'node:assert';
import { parseAllDocuments } from 'yaml';
import { toYaml, toYamlDocuments } from '../../../../src/cli/k8s/yaml';

function readBack(text: string, version: '1.1' | '1.2'): unknown[] {
  return parseAllDocuments(text, { version, uniqueKeys: true }).map((doc) => {
    assert.deepEqual(doc.errors, [], `YAML ${version} errors in:\n${text}`);
    return doc.toJS();
  });
}

function roundTrips(value: object): void {
  const text = toYaml(value);
  for (const version of ['1.1', '1.2'] as const) assert.deepEqual(readBack(text, version), [value], `YAML ${version}:\n${text}`);
}

/** Strings that a careless writer turns into booleans, numbers, null, comments or broken blocks. */
const TRICKY = [
  '', ' ', 'yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'False', 'null', 'Null', '~', '0777', '0x1F', '0o17', '0b101', '1e3', '1_000',
  '12:30', '12:30:45', '.5', '-.5', '+1', '.inf', '-.Inf', '.NaN', '2001-12-14', '3', '-3', '1.0', 'a: b', 'a:b', '- x', '-', '#c',
  'x #c', '? q', '|', '>', "'", '"quoted"', 'back\\slash', '{a}', '[a]', '*ref', '&anchor', '!tag', '%dir', '@at', '`tick', '=', '<<',
  'key:', ' leading', 'trailing ', '\ttab', 'tab\tinside', 'é ü ねこ 😀', 'nvidia.com/gpu', '/runs/x', 'ghcr.io/org/ssad:0.1.0', '4Gi', '500m',
  'line\u2028separator', 'para\u2029graph', 'next\u0085line', 'del\u007f', 'bom\ufeff', 'c1\u0090', 'nul\u0000', 'bell\u0007', 'cr\rlf',
  // Multi-line: literal blocks where they read back exactly, quoted otherwise.
  'two\nlines', 'two\nlines\n', 'ends\n\n', 'ends\n\n\n', '\nstarts with a break', '\n  indented after a break\nx', ' indented\nsecond',
  'a\n  deeper\nb\n', 'trailing space \nx\n', 'blank\n\nin between\n', 'only\n \nspace line', '#!/bin/sh\nset -eu\necho "$X" # c\n',
  '---\n...\n', 'key: value\n- item\n', '\t\ttabs\nx\n', 'x\r\ny\n', '\n', '\n\n', 'x\n\u2028\n', '  {\n  "a": 1\n}\n',
];

describe('k8s YAML writer', () => {
  it('writes every tricky string so that YAML 1.1 and 1.2 read it back unchanged, as a value and as a key', () => {
    for (const s of TRICKY) {
      roundTrips({ value: s });
      roundTrips({ [s]: 'key' });
      roundTrips({ list: [s, { nested: s }] });
    }
  });

  it('keeps numbers, booleans, null, empty collections and nesting', () => {
    roundTrips({ n: 0, neg: -3, big: 100_000, frac: 0.25, t: true, f: false, z: null, empty: [], none: {}, deep: [[1, [2]], [{ a: [] }], { b: { c: [{ d: 1, e: [true] }] } }] });
    roundTrips([1, 'two', { three: 3 }]);
  });

  it('writes multi-line text as a readable literal block', () => {
    const text = toYaml({ script: 'set -eu\nexec ssad run /config/x.json\n', config: '{\n  "name": "x"\n}' });
    assert.match(text, /^script: \|\n {2}set -eu\n {2}exec ssad run \/config\/x\.json\n/m);
    assert.match(text, /^config: \|-\n {2}\{\n {4}"name": "x"\n {2}\}$/m);
  });

  it('leaves plain what Kubernetes users expect plain, and quotes what YAML 1.1 would misread', () => {
    const text = toYaml({ apiVersion: 'batch/v1', kind: 'Job', a: 'yes', b: '0777', c: '2', d: 'ON', image: 'ghcr.io/o/ssad:1' });
    assert.match(text, /^apiVersion: batch\/v1$/m);
    assert.match(text, /^kind: Job$/m);
    for (const key of ['a', 'b', 'c', 'd', 'image']) assert.match(text, new RegExp(`^${key}: "`, 'm'));
  });

  it('leaves out keys whose value is undefined, and refuses what it cannot write faithfully', () => {
    assert.equal(toYaml({ a: 1, b: undefined }), 'a: 1\n');
    assert.throws(() => toYaml({ n: Number.NaN }), /cannot write NaN/);
    assert.throws(() => toYaml({ d: new Date(0) }), /cannot write a value of type object/);
    assert.throws(() => toYaml({ f: () => 1 }), /cannot write a value of type function/);
    assert.throws(() => toYaml([undefined]), /undefined in a sequence/);
  });

  it('joins documents with --- so that kubectl reads each', () => {
    const text = toYamlDocuments([{ kind: 'ConfigMap' }, { kind: 'Job' }]);
    assert.equal(text, 'kind: ConfigMap\n---\nkind: Job\n');
    assert.deepEqual(readBack(text, '1.1'), [{ kind: 'ConfigMap' }, { kind: 'Job' }]);
  });
});
