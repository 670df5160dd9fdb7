/**
 * Reads config text: a strict JSON parser that reports syntax errors with line and column (the
 * messages of `JSON.parse` carry only an offset, and not on every Node version), and remembers
 * where every property and item is so that errors can point at the right place.
 */
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
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 256;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Parser {
  private pos = 0;
  readonly locations = new Map<string, TextPosition>();

  constructor(
    private readonly text: string,
    private readonly lineStarts: readonly number[],
  ) {}

  parseDocument(): unknown {
    this.skipSpace();
    if (this.pos >= this.text.length) throw new JsonSyntaxError('the file is empty; expected a JSON object', 0);
    this.locations.set('', this.position(this.pos));
    const value = this.parseValue('', 0);
    this.skipSpace();
    if (this.pos < this.text.length) {
      throw new JsonSyntaxError(`unexpected ${this.describeHere()} after the end of the JSON value`, this.pos);
    }
    return value;
  }

  position(offset: number): TextPosition {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo] + 1, offset };
  }

  private skipSpace(): void {
    const t = this.text;
    for (;;) {
      const ch = t.charCodeAt(this.pos);
      if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) {
        this.pos++;
        continue;
      }
      if (ch === 0x2f /* / */ && (t[this.pos + 1] === '/' || t[this.pos + 1] === '*')) {
        throw new JsonSyntaxError('comments are not allowed in JSON', this.pos);
      }
      return;
    }
  }

  private describeHere(): string {
    if (this.pos >= this.text.length) return 'end of file';
    const ch = this.text[this.pos];
    if (ch === '\n' || ch === '\r') return 'line break';
    return `'${ch}'`;
  }

  private parseValue(path: string, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(`values are nested more than ${MAX_DEPTH} deep`, this.pos);
    const ch = this.text[this.pos];
    if (ch === '{') return this.parseObject(path, depth);
    if (ch === '[') return this.parseArray(path, depth);
    if (ch === '"') return this.parseString();
    if (ch === "'") throw new JsonSyntaxError('strings must be in double quotes (")', this.pos);
    if (ch === '-' || (ch >= '0' && ch <= '9')) return this.parseNumber();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    if (this.pos >= this.text.length) {
      throw new JsonSyntaxError('unexpected end of file: the JSON is incomplete (a missing value, "}" or "]"?)', this.pos);
    }
    throw new JsonSyntaxError(
      `expected a value (a string, number, object, list, true, false or null), found ${this.describeHere()}`,
      this.pos,
    );
  }

  private parseObject(path: string, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const keyOffsets = new Map<string, number>();
    this.pos++; // {
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      const keyStart = this.pos;
      const ch = this.text[this.pos];
      if (ch === '}') throw new JsonSyntaxError('trailing comma before "}"', this.lastComma(keyStart));
      if (ch === "'") throw new JsonSyntaxError('property names must be in double quotes (")', this.pos);
      if (ch !== '"') {
        if (this.pos >= this.text.length) throw this.unexpectedEnd('}');
        throw new JsonSyntaxError(`expected a property name in double quotes, found ${this.describeHere()}`, this.pos);
      }
      const key = this.parseString();
      const keyPath = joinPath(path, key);
      const previous = keyOffsets.get(key);
      if (previous !== undefined) {
        const first = this.position(previous);
        throw new JsonSyntaxError(`${keyPath} is set twice (first at line ${first.line}, column ${first.column})`, keyStart);
      }
      keyOffsets.set(key, keyStart);
      this.locations.set(keyPath, this.position(keyStart));
      this.skipSpace();
      if (this.text[this.pos] !== ':') {
        if (this.pos >= this.text.length) throw this.unexpectedEnd('}');
        throw new JsonSyntaxError(`expected ':' after the property name "${key}", found ${this.describeHere()}`, this.pos);
      }
      this.pos++;
      this.skipSpace();
      const value = this.parseValue(keyPath, depth + 1);
      // Never `result[key] = …`: a key "__proto__" must stay an ordinary (and rejected) property.
      Object.defineProperty(result, key, { value, enumerable: true, writable: true, configurable: true });
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === '}') {
        this.pos++;
        return result;
      }
      if (this.pos >= this.text.length) throw this.unexpectedEnd('}');
      throw new JsonSyntaxError(
        `expected ',' or '}' after the value of "${key}", found ${this.describeHere()} (a missing comma?)`,
        this.pos,
      );
    }
  }

  private parseArray(path: string, depth: number): unknown[] {
    const result: unknown[] = [];
    this.pos++; // [
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return result;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] === ']') throw new JsonSyntaxError('trailing comma before "]"', this.lastComma(this.pos));
      const itemPath = joinPath(path, result.length);
      this.locations.set(itemPath, this.position(this.pos));
      result.push(this.parseValue(itemPath, depth + 1));
      this.skipSpace();
      const next = this.text[this.pos];
      if (next === ',') {
        this.pos++;
        continue;
      }
      if (next === ']') {
        this.pos++;
        return result;
      }
      if (this.pos >= this.text.length) throw this.unexpectedEnd(']');
      throw new JsonSyntaxError(`expected ',' or ']' in a list, found ${this.describeHere()} (a missing comma?)`, this.pos);
    }
  }

  private parseString(): string {
    const start = this.pos;
    const t = this.text;
    let i = start + 1;
    for (;;) {
      if (i >= t.length) throw new JsonSyntaxError('unterminated string (a missing closing ")', start);
      const c = t.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x0a || c === 0x0d) throw new JsonSyntaxError('unterminated string: strings cannot span lines (use \\n)', start);
      if (c < 0x20) throw new JsonSyntaxError('control character in a string (escape it, e.g. \\t)', i);
      if (c === 0x5c) {
        const e = t[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(t.slice(i + 2, i + 6))) throw new JsonSyntaxError('invalid \\u escape in a string', i);
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          throw new JsonSyntaxError(`invalid escape "\\${e ?? ''}" in a string`, i);
        }
        i += 2;
        continue;
      }
      i++;
    }
    this.pos = i + 1;
    return JSON.parse(t.slice(start, i + 1)) as string;
  }

  private parseNumber(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m || m[0] === '-') throw new JsonSyntaxError('invalid number', this.pos);
    const after = this.text[this.pos + m[0].length];
    if (after !== undefined && /[0-9A-Za-z_.+-]/.test(after)) {
      throw new JsonSyntaxError(`invalid number "${m[0]}${after}…"`, this.pos);
    }
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private lastComma(before: number): number {
    const i = this.text.lastIndexOf(',', before);
    return i >= 0 ? i : before;
  }

  private unexpectedEnd(closing: string): JsonSyntaxError {
    return new JsonSyntaxError(`unexpected end of file: a "${closing}" is missing`, this.text.length);
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) starts.push(i + 1);
    else if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) starts.push(i + 1);
  }
  return starts;
}

/** Parses the text of a `*.ssad.json`; a syntax error comes back with its line and column. */
export function parseConfigText(text: string, fileName: string): ParseConfigResult {
  // A byte-order mark is not JSON, but editors write it; skip it without shifting columns.
  const body = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const parser = new Parser(body, lineStartsOf(body));
  try {
    const json = parser.parseDocument();
    return { ok: true, json, locations: parser.locations };
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const at = parser.position(err.offset);
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `${fileName} is not valid JSON: ${err.message} (line ${at.line}, column ${at.column})`,
          line: at.line,
          column: at.column,
        },
      ],
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
