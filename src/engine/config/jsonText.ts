/**
 * Reads config text as strict JSON with jsonc-parser (the parser VS Code uses), reporting a syntax
 * error with its line, column and what is wrong in words (the messages of `JSON.parse` carry only
 * an offset, and not on every Node version), and remembering where every property and item is so
 * that errors can point at the right place.
 */
// The ESM entry, not the package's main: its UMD main loads its parts through a `require` that
// esbuild cannot follow, so the bundles would fail at run time.
import { printParseErrorCode, visit, type ParseErrorCode } from 'jsonc-parser/lib/esm/main.js';
import { joinPath, parentPath, type ConfigError } from './errors';

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
  /** 0-based offset into the text. */
  offset: number;
}

export interface ParsedConfigText {
  json: unknown;
  /** Where each JSON path starts: the property name for properties, the value for list items and the root (`""`). */
  locations: ReadonlyMap<string, TextPosition>;
}

export type ParseConfigResult = ({ ok: true } & ParsedConfigText) | { ok: false; errors: ConfigError[] };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: TextPosition,
  ) {
    super(message);
  }
}

// Deeper nesting is no config; stopping there also bounds jsonc-parser's recursion.
const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** What the reader may meet next in an open value: the words of an error depend on it. */
type Expect = 'value' | 'key' | 'colon' | 'separator' | 'end';

interface Frame {
  readonly kind: 'root' | 'object' | 'array';
  readonly path: string;
  readonly container?: Record<string, unknown> | unknown[];
  /** Objects: the property being read. */
  key?: string;
  expect: Expect;
}

function fail(message: string, at: TextPosition): never {
  throw new JsonSyntaxError(message, at);
}

/** The position `n` code units further on the same line. */
function shift(at: TextPosition, n: number): TextPosition {
  return { line: at.line, column: at.column + n, offset: at.offset + n };
}

/**
 * Builds the value and its locations from jsonc-parser's events and stops at the first error.
 * jsonc-parser's error codes say what it expected, but the messages also name the property or
 * list and what was found, so the words come from where the reader was when the error came.
 */
class Reader {
  readonly locations = new Map<string, TextPosition>();
  private readonly stack: Frame[] = [{ kind: 'root', path: '', expect: 'value' }];
  private document: unknown;
  /** Where a trailing comma is reported: at the comma, not at the bracket after it. */
  private lastComma: TextPosition = { line: 1, column: 1, offset: 0 };

  constructor(private readonly text: string) {}

  read(): unknown {
    // jsonc-parser counts lines and characters from 0.
    const at = (offset: number, line: number, character: number): TextPosition => ({ line: line + 1, column: character + 1, offset });
    visit(
      this.text,
      {
        onObjectBegin: (offset, _length, line, character) => this.open({}, at(offset, line, character)),
        onArrayBegin: (offset, _length, line, character) => this.open([], at(offset, line, character)),
        onObjectProperty: (key, offset, _length, line, character) => this.property(key, at(offset, line, character)),
        onLiteralValue: (value: unknown, offset, _length, line, character) => this.literal(value, at(offset, line, character)),
        onSeparator: (separator, offset, _length, line, character) => this.separator(separator, at(offset, line, character)),
        onObjectEnd: (offset, _length, line, character) => this.close(at(offset, line, character)),
        onArrayEnd: (offset, _length, line, character) => this.close(at(offset, line, character)),
        onError: (code, offset, _length, line, character) => this.error(code, at(offset, line, character)),
      },
      { disallowComments: true, allowTrailingComma: false },
    );
    return this.document;
  }

  private get top(): Frame {
    return this.stack[this.stack.length - 1];
  }

  private open(container: Record<string, unknown> | unknown[], at: TextPosition): void {
    const path = this.addValue(container, at);
    if (Array.isArray(container)) this.stack.push({ kind: 'array', path, container, expect: 'value' });
    else this.stack.push({ kind: 'object', path, container, expect: 'key' });
  }

  private literal(value: unknown, at: TextPosition): void {
    this.tooDeep(at);
    // jsonc-parser reads "01" as two numbers and "1x" as a number and a word.
    if (typeof value === 'number') this.numberProblem(at);
    this.addValue(value, at);
  }

  private separator(separator: string, at: TextPosition): void {
    const frame = this.top;
    if (separator === ':') {
      frame.expect = 'value';
      return;
    }
    this.lastComma = at;
    frame.expect = frame.kind === 'object' ? 'key' : 'value';
  }

  /** Puts a value where the reader is; returns its path. */
  private addValue(value: unknown, at: TextPosition): string {
    this.tooDeep(at);
    const frame = this.top;
    let path = '';
    if (frame.kind === 'root') {
      this.document = value;
      frame.expect = 'end';
    } else if (Array.isArray(frame.container)) {
      path = joinPath(frame.path, frame.container.length);
      frame.container.push(value);
      frame.expect = 'separator';
    } else {
      path = joinPath(frame.path, frame.key ?? '');
      // Never `container[key] = …`: a key "__proto__" must stay an ordinary (and rejected) property.
      Object.defineProperty(frame.container, frame.key ?? '', { value, enumerable: true, writable: true, configurable: true });
      frame.expect = 'separator';
    }
    // A property's location is its name, recorded with the name.
    if (frame.kind !== 'object') this.locations.set(path, at);
    return path;
  }

  private property(key: string, at: TextPosition): void {
    const frame = this.top;
    const path = joinPath(frame.path, key);
    // Every other place in the text has a path of its own: one already recorded is this key, given twice.
    const first = this.locations.get(path);
    if (first) fail(`${path} is set twice (first at line ${first.line}, column ${first.column})`, at);
    this.locations.set(path, at);
    frame.key = key;
    frame.expect = 'colon';
  }

  private close(at: TextPosition): void {
    // jsonc-parser closes what the file left open before it reports it: report it here, while
    // what was expected next is still known.
    if (at.offset >= this.text.length) this.unexpected(at);
    this.stack.pop();
  }

  private error(code: ParseErrorCode, at: TextPosition): never {
    switch (printParseErrorCode(code)) {
      case 'InvalidCommentToken':
      case 'UnexpectedEndOfComment':
        return fail('comments are not allowed in JSON', at);
      default:
        // Everything else, from a bad string (flagged at its opening quote) to a missing comma,
        // is worded after what the reader expected at `at`.
        return this.unexpected(at);
    }
  }

  private unexpected(at: TextPosition, expect = this.top.expect): never {
    const frame = this.top;
    const ch = this.text[at.offset];
    const found = ch === undefined ? 'end of file' : ch === '\n' || ch === '\r' ? 'line break' : `'${ch}'`;
    const missing = (closing: string): never => fail(`unexpected end of file: a "${closing}" is missing`, at);
    switch (expect) {
      case 'end':
        return fail(`unexpected ${found} after the end of the JSON value`, at);
      case 'colon':
        if (ch === undefined) missing('}');
        return fail(`expected ':' after the property name "${frame.key}", found ${found}`, at);
      case 'separator':
        if (frame.kind === 'array') {
          if (ch === undefined) missing(']');
          return fail(`expected ',' or ']' in a list, found ${found} (a missing comma?)`, at);
        }
        if (ch === undefined) missing('}');
        return fail(`expected ',' or '}' after the value of "${frame.key}", found ${found} (a missing comma?)`, at);
      case 'key':
        if (ch === '}') fail('trailing comma before "}"', this.lastComma);
        if (ch === '"') this.stringProblem(at);
        if (ch === "'") fail('property names must be in double quotes (")', at);
        if (ch === undefined) missing('}');
        return fail(`expected a property name in double quotes, found ${found}`, at);
      case 'value': {
        if (frame.kind === 'array' && ch === ']') fail('trailing comma before "]"', this.lastComma);
        if (frame.kind === 'root' && ch === undefined) fail('the file is empty; expected a JSON object', { line: 1, column: 1, offset: 0 });
        this.tooDeep(at);
        if (ch === '"') this.stringProblem(at);
        if (ch === "'") fail('strings must be in double quotes (")', at);
        if (ch === '-' || (ch >= '0' && ch <= '9')) this.numberProblem(at);
        // jsonc-parser reads "trueish" as one unknown word; the messages name what follows `true`.
        const word = /^(?:true|false|null)/.exec(this.text.slice(at.offset, at.offset + 5));
        if (word) return this.unexpected(shift(at, word[0].length), frame.kind === 'root' ? 'end' : 'separator');
        if (ch === undefined) fail('unexpected end of file: the JSON is incomplete (a missing value, "}" or "]"?)', at);
        return fail(`expected a value (a string, number, object, list, true, false or null), found ${found}`, at);
      }
    }
  }

  private tooDeep(at: TextPosition): void {
    // The root frame holds no value of its own.
    if (this.stack.length - 1 > MAX_DEPTH) fail(`values are nested more than ${MAX_DEPTH} deep`, at);
  }

  /** Fails on a malformed number at `at`, quoting the valid part and the character after it. */
  private numberProblem(at: TextPosition): void {
    NUMBER.lastIndex = at.offset;
    const m = NUMBER.exec(this.text);
    if (!m) fail('invalid number', at);
    const after = this.text[at.offset + m[0].length];
    if (after !== undefined && /[0-9A-Za-z_.+-]/.test(after)) fail(`invalid number "${m[0]}${after}…"`, at);
  }

  /**
   * Fails on what is wrong in the string that opens at `at`. jsonc-parser flags the whole string,
   * keeping only the last problem in it; the message names the first and points at it.
   */
  private stringProblem(at: TextPosition): void {
    const t = this.text;
    for (let i = at.offset + 1; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x22) return;
      if (c === 0x0a || c === 0x0d) fail('unterminated string: strings cannot span lines (use \\n)', at);
      if (c < 0x20) fail('control character in a string (escape it, e.g. \\t)', shift(at, i - at.offset));
      if (c !== 0x5c) continue;
      const e = t[i + 1];
      if (e === 'u') {
        if (!/^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) fail('invalid \\u escape in a string', shift(at, i - at.offset));
        i += 5;
      } else if (e === undefined || !'"\\/bfnrt'.includes(e)) {
        fail(`invalid escape "\\${e ?? ''}" in a string`, shift(at, i - at.offset));
      } else {
        i++;
      }
    }
    fail('unterminated string (a missing closing ")', at);
  }
}

/** Parses the text of a `*.ssad.json`; a syntax error comes back with its line and column. */
export function parseConfigText(text: string, fileName: string): ParseConfigResult {
  // A byte-order mark is not JSON, but editors write it; skip it without shifting columns.
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const reader = new Reader(body);
  try {
    const json = reader.read();
    return { ok: true, json, locations: reader.locations };
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const { line, column } = err.at;
    return {
      ok: false,
      errors: [{ path: '', message: `${fileName} is not valid JSON: ${err.message} (line ${line}, column ${column})`, line, column }],
    };
  }
}

/** The position of a JSON path, or of its nearest ancestor that is in the text (a missing property points at its object). */
export function locatePath(locations: ReadonlyMap<string, TextPosition>, path: string): TextPosition | undefined {
  let p = path;
  for (;;) {
    const hit = locations.get(p);
    if (hit) return hit;
    if (p === '') return undefined;
    p = parentPath(p);
  }
}


/** The same errors with `line` and `column` filled in from the config text or its parsed locations (where not already set). */
export function locateConfigErrors(
  errors: readonly ConfigError[],
  textOrLocations: string | ReadonlyMap<string, TextPosition>,
): ConfigError[] {
  let locations: ReadonlyMap<string, TextPosition>;
  if (typeof textOrLocations === 'string') {
    const parsed = parseConfigText(textOrLocations, 'config');
    if (!parsed.ok) return errors.slice();
    locations = parsed.locations;
  } else {
    locations = textOrLocations;
  }
  return errors.map((e) => {
    if (e.line !== undefined) return e;
    const at = locatePath(locations, e.path);
    return at ? { ...e, line: at.line, column: at.column } : e;
  });
}
