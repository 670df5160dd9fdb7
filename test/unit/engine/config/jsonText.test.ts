import assert from 'node:assert/strict';
import {
  formatConfigErrors,
  formatConfigReport,
  locateConfigErrors,
  parseConfigText,
  validateConfigText,
} from '../../../../src/engine/config';

function syntaxError(text: string): { message: string; line?: number; column?: number } {
  const r = parseConfigText(text, 'x.ssad.json');
  assert.equal(r.ok, false, 'expected a syntax error');
  if (r.ok) throw new Error('unreachable');
  assert.equal(r.errors.length, 1);
  return r.errors[0];
}

describe('parseConfigText', () => {
  it('parses what JSON.parse parses', () => {
    const text = '{ "a": [1, -2.5e3, true, false, null], "b": { "c": "x\\n\\u00e9\\"" }, "d": [] , "e": {} }';
    const r = parseConfigText(text, 'x.ssad.json');
    assert.ok(r.ok);
    assert.deepEqual(r.json, JSON.parse(text));
  });

  it('reports a missing comma with line and column', () => {
    const e = syntaxError('{\n  "name": "q",\n  "dataset": { "source": "mnist" }\n  "seeds": [0]\n}');
    assert.equal(e.line, 4);
    assert.equal(e.column, 3);
    assert.match(e.message, /^x\.ssad\.json is not valid JSON: expected ',' or '}' after the value of "dataset"/);
    assert.match(e.message, /a missing comma\?/);
    assert.match(e.message, /\(line 4, column 3\)$/);
  });

  it('reports a trailing comma at the comma', () => {
    const e = syntaxError('{\n  "name": "q",\n}');
    assert.deepEqual([e.line, e.column], [2, 14]);
    assert.match(e.message, /trailing comma before "}"/);
    const list = syntaxError('{"seeds": [0, 1,]}');
    assert.deepEqual([list.line, list.column], [1, 16]);
    assert.match(list.message, /trailing comma before "]"/);
  });

  it('reports an incomplete file at its end', () => {
    const e = syntaxError('{\n  "seeds": [0, 1');
    assert.deepEqual([e.line, e.column], [2, 17]);
    assert.match(e.message, /unexpected end of file: a "]" is missing/);
    assert.match(syntaxError('{"a": ').message, /unexpected end of file/);
    assert.match(syntaxError('').message, /the file is empty/);
    assert.match(syntaxError('  \n ').message, /the file is empty/);
  });

  it('reports comments, single quotes, bare words, bad numbers and text after the value', () => {
    assert.match(syntaxError('{\n  // a comment\n  "a": 1\n}').message, /comments are not allowed in JSON \(line 2, column 3\)/);
    assert.match(syntaxError("{'a': 1}").message, /property names must be in double quotes/);
    assert.match(syntaxError('{"a": \'b\'}').message, /strings must be in double quotes/);
    assert.match(syntaxError('{"a": mnist}').message, /expected a value .* found 'm'/);
    assert.match(syntaxError('{"a": 01}').message, /invalid number "01…"/);
    assert.match(syntaxError('{"a": 1} x').message, /unexpected 'x' after the end of the JSON value \(line 1, column 10\)/);
    assert.match(syntaxError('{a: 1}').message, /expected a property name in double quotes, found 'a'/);
    assert.match(syntaxError('{"a" 1}').message, /expected ':' after the property name "a"/);
  });

  it('reports strings that break across lines or hold bad escapes', () => {
    const e = syntaxError('{"a": "abc\n"}');
    assert.deepEqual([e.line, e.column], [1, 7]);
    assert.match(e.message, /unterminated string/);
    assert.match(syntaxError('{"a": "\\x"}').message, /invalid escape "\\x"/);
    assert.match(syntaxError('{"a": "abc').message, /unterminated string/);
  });

  it('points inside a string at its first problem, and reports what was expected before a bad string', () => {
    const e = syntaxError('{"a": "x\ty\\q\\u12"}');
    assert.deepEqual([e.line, e.column], [1, 9]);
    assert.match(e.message, /control character in a string/);
    const escape = syntaxError('{"a": "ok\\q\\u12"}');
    assert.deepEqual([escape.line, escape.column], [1, 10]);
    assert.match(escape.message, /invalid escape "\\q"/);
    assert.match(syntaxError('{"a": "\\u12"}').message, /invalid \\u escape/);
    assert.match(syntaxError('{"a" "b\\x"}').message, /expected ':' after the property name "a", found '"'/);
  });

  it('words numbers, words and unclosed values as before', () => {
    assert.match(syntaxError('{"a": 1e+}').message, /invalid number "1e…" \(line 1, column 7\)/);
    assert.match(syntaxError('{"a": -x}').message, /: invalid number \(/);
    assert.match(syntaxError('{"a": trueish}').message, /expected ',' or '}' after the value of "a", found 'i' \(a missing comma\?\) \(line 1, column 11\)/);
    assert.match(syntaxError('[nullx]').message, /expected ',' or ']' in a list, found 'x'/);
    assert.match(syntaxError('[').message, /the JSON is incomplete/);
    assert.match(syntaxError('{').message, /a "}" is missing/);
    assert.match(syntaxError('{"a"').message, /a "}" is missing/);
    assert.match(syntaxError('{"a": 1 /* open').message, /comments are not allowed in JSON \(line 1, column 9\)/);
  });

  it('stops at a nesting depth no config needs', () => {
    assert.ok(parseConfigText(`${'['.repeat(256)}${']'.repeat(256)}`, 'x').ok);
    const e = syntaxError(`${'['.repeat(257)}1${']'.repeat(257)}`);
    assert.match(e.message, /values are nested more than 256 deep \(line 1, column 258\)/);
    assert.match(syntaxError('['.repeat(100000)).message, /nested more than 256 deep/);
  });

  it('reports a key given twice, with both places', () => {
    const e = syntaxError('{\n  "name": "a",\n  "name": "b"\n}');
    assert.deepEqual([e.line, e.column], [3, 3]);
    assert.match(e.message, /name is set twice \(first at line 2, column 3\)/);
  });

  it('counts lines across \\r\\n and skips a byte-order mark', () => {
    const e = syntaxError('\ufeff{\r\n  "a": 1\r\n  "b": 2\r\n}');
    assert.deepEqual([e.line, e.column], [3, 3]);
    const ok = parseConfigText('\ufeff{"a": 1}', 'x');
    assert.ok(ok.ok);
    assert.deepEqual(ok.json, { a: 1 });
  });

  it('keeps a "__proto__" key as a plain property', () => {
    const r = parseConfigText('{"__proto__": {"polluted": true}}', 'x');
    assert.ok(r.ok);
    assert.ok(Object.prototype.hasOwnProperty.call(r.json, '__proto__'));
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('records where each path starts', () => {
    const r = parseConfigText('{\n  "training": {\n    "epochs": 0\n  },\n  "seeds": [1, 2]\n}', 'x');
    assert.ok(r.ok);
    assert.deepEqual(r.locations.get('training.epochs'), { line: 3, column: 5, offset: 22 });
    assert.equal(r.locations.get('seeds[1]')?.column, 16);
  });
});

describe('locating and formatting config errors', () => {
  const text = '{\n  "name": "q",\n  "dataset": { "source": "folder", "layout": "mvtec" },\n  "training": { "epochs": 0 }\n}\n';

  it('validateConfigText puts line and column on each error', () => {
    const r = validateConfigText(text, 'q.ssad.json');
    assert.ok(!r.ok);
    assert.deepEqual(r.errors, [
      { path: 'dataset.path', message: 'dataset.path is required when dataset.source is "folder"', line: 3, column: 3 },
      { path: 'training.epochs', message: 'training.epochs must be an integer ≥ 1, got 0', line: 4, column: 17 },
    ]);
  });

  it('validateConfigText passes syntax errors through', () => {
    const r = validateConfigText('{"name": }', 'q.ssad.json');
    assert.ok(!r.ok);
    assert.equal(r.errors[0].line, 1);
    assert.equal(r.errors[0].column, 10);
  });

  it('locateConfigErrors finds paths, nearest ancestors and keys with odd names', () => {
    const located = locateConfigErrors(
      [
        { path: 'training.epochs', message: 'a' },
        { path: 'training.nothing', message: 'b' },
        { path: 'x["a b"]', message: 'c' },
        { path: '', message: 'd' },
      ],
      '{"training": {"epochs": 0}, "x": {"a b": 1}}',
    );
    assert.deepEqual(
      located.map((e) => [e.line, e.column]),
      [
        [1, 15],
        [1, 2],
        [1, 35],
        [1, 1],
      ],
    );
  });

  it('formatConfigErrors writes a summary and one clickable line per error', () => {
    const r = validateConfigText(text, 'q.ssad.json');
    assert.ok(!r.ok);
    assert.equal(
      formatConfigErrors(r.errors, 'q.ssad.json'),
      [
        'q.ssad.json: 2 errors in the config',
        '  q.ssad.json:3:3: error: dataset.path is required when dataset.source is "folder"',
        '  q.ssad.json:4:17: error: training.epochs must be an integer ≥ 1, got 0',
      ].join('\n'),
    );
    assert.equal(
      formatConfigErrors([{ path: 'name', message: 'name is required' }], 'a.json'),
      'a.json: 1 error in the config\n  a.json: error: name is required',
    );
    assert.equal(formatConfigErrors([], 'a.json'), 'a.json: no errors');
  });

  it('formatConfigReport adds the warnings after the errors', () => {
    const r = validateConfigText('{"name": "q", "dataset": {"source": "mnist"}, "augmentations": ["flip"]}', 'w.ssad.json');
    assert.ok(r.ok);
    const report = formatConfigReport(r, 'w.ssad.json');
    assert.match(report, /^w\.ssad\.json: 1 warning in the config\n {2}w\.ssad\.json:1:47: warning: augmentations has no "none"/);
  });
});
