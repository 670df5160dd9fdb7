/**
 * A small YAML writer for the manifests of `ssad k8s`: block mappings and sequences of plain
 * data (strings, finite numbers, booleans, null). It needs no library because it only writes
 * what it can write safely: a string stays plain only when it reads back as the same string under
 * both YAML 1.1 (Kubernetes parses manifests with a YAML 1.1 flavoured parser, where `yes`, `on`
 * or `0777` are not strings) and YAML 1.2; multi-line text (the config, shell scripts) becomes a
 * literal block `|` so that it stays readable; everything else is double-quoted.
 */

type Collection = unknown[] | Record<string, unknown>;

/** Plain scalars: start with a letter, `_` or `/`, and hold only letters, digits, `_ . / -`. */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
/** Plain-looking words that YAML 1.1 or 1.2 reads as booleans or null. */
const RESERVED = new Set(['y', 'n', 'yes', 'no', 'true', 'false', 'on', 'off', 'null']);
/**
 * What a literal block may hold: YAML's printable characters without tab, carriage return, the
 * C1 controls (U+0085 is a line break in YAML 1.1), U+2028/U+2029 (line breaks in YAML 1.1)
 * and the byte-order mark.
 */
const BLOCK_SAFE = /^[\n\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFEFE\uFF00-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
/** Characters JSON leaves raw that YAML's double-quoted style must escape. */
const QUOTE_ESCAPE = /[\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/g;

function quoted(text: string): string {
  return JSON.stringify(text).replace(QUOTE_ESCAPE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function isPlain(text: string): boolean {
  return PLAIN.test(text) && !RESERVED.has(text.toLowerCase());
}

/**
 * Lines of a literal block for `text`, with its header (`|` keeps the one final line break, `|-`
 * none), or undefined when the text is better quoted: one line, a leading space on the first line
 * with text (that would need an indentation indicator), trailing spaces, several final line breaks, or a
 * character a block cannot hold.
 */
function literalBlock(text: string): { header: string; lines: string[] } | undefined {
  if (!text.includes('\n') || !BLOCK_SAFE.test(text)) return undefined;
  const clip = text.endsWith('\n');
  const body = clip ? text.slice(0, -1) : text;
  if (body.endsWith('\n') || body.trim() === '') return undefined;
  const lines = body.split('\n');
  // The first line with text sets the block's indentation: it may not start with a space.
  const first = lines.find((line) => line !== '') ?? '';
  if (first.startsWith(' ') || lines.some((line) => line.endsWith(' '))) return undefined;
  return { header: clip ? '|' : '|-', lines };
}

function scalar(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string') return isPlain(value) ? value : quoted(value);
  throw new Error(`YAML: cannot write ${typeof value === 'number' ? value : `a value of type ${typeof value}`}`);
}

/** Arrays and plain objects; anything else (a Date, a Map) is refused rather than written wrongly. */
function isCollection(value: unknown): value is Collection {
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function isEmptyCollection(value: Collection): boolean {
  return Array.isArray(value) ? value.length === 0 : Object.values(value).every((v) => v === undefined);
}

/** `head` (a key with its colon, or a sequence dash) followed by the value, at `indent`. */
function entry(head: string, value: unknown, indent: string): string[] {
  if (isCollection(value)) {
    if (isEmptyCollection(value)) return [`${indent}${head} ${Array.isArray(value) ? '[]' : '{}'}`];
    const inner = block(value, `${indent}  `);
    // A sequence item's first key goes on the dash's line: `- name: x`.
    if (head === '-') return [`${indent}- ${inner[0].slice(indent.length + 2)}`, ...inner.slice(1)];
    return [`${indent}${head}`, ...inner];
  }
  if (typeof value === 'string') {
    const literal = literalBlock(value);
    if (literal) return [`${indent}${head} ${literal.header}`, ...literal.lines.map((line) => (line === '' ? '' : `${indent}  ${line}`))];
  }
  return [`${indent}${head} ${scalar(value)}`];
}

function block(value: Collection, indent: string): string[] {
  if (Array.isArray(value)) {
    if (value.includes(undefined)) throw new Error('YAML: cannot write undefined in a sequence');
    return value.flatMap((item) => entry('-', item, indent));
  }
  return Object.entries(value).flatMap(([key, v]) => (v === undefined ? [] : entry(`${isPlain(key) ? key : quoted(key)}:`, v, indent)));
}

/** One YAML document for a mapping or a sequence (keys whose value is undefined are left out). */
export function toYaml(value: object): string {
  if (!isCollection(value)) throw new Error('YAML: a document must be a plain object or an array');
  if (isEmptyCollection(value)) return Array.isArray(value) ? '[]\n' : '{}\n';
  return `${block(value, '').join('\n')}\n`;
}

/** Several documents in one stream, as `kubectl apply -f` reads them. */
export function toYamlDocuments(values: readonly object[]): string {
  return values.map(toYaml).join('---\n');
}
