/**
 * A tiny 5×7 bitmap font for labels in PNG sample sheets: letters (drawn as capitals, so `a` and
 * `A` look the same), digits and `- _ . + : / = ( ) % , ? ! # * '` and space. Any other character
 * is drawn as `?`.
 */

export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;
/** Horizontal distance from one character to the next, in font pixels (one column of space). */
export const GLYPH_ADVANCE = 6;

// Each glyph is 7 rows of 5 columns; '#' is ink.
const GLYPHS: Record<string, string> = {
  a: '.###. #...# #...# ##### #...# #...# #...#',
  b: '####. #...# #...# ####. #...# #...# ####.',
  c: '.###. #...# #.... #.... #.... #...# .###.',
  d: '####. #...# #...# #...# #...# #...# ####.',
  e: '##### #.... #.... ####. #.... #.... #####',
  f: '##### #.... #.... ####. #.... #.... #....',
  g: '.###. #...# #.... #.### #...# #...# .####',
  h: '#...# #...# #...# ##### #...# #...# #...#',
  i: '.###. ..#.. ..#.. ..#.. ..#.. ..#.. .###.',
  j: '..### ...#. ...#. ...#. ...#. #..#. .##..',
  k: '#...# #..#. #.#.. ##... #.#.. #..#. #...#',
  l: '#.... #.... #.... #.... #.... #.... #####',
  m: '#...# ##.## #.#.# #.#.# #...# #...# #...#',
  n: '#...# #...# ##..# #.#.# #..## #...# #...#',
  o: '.###. #...# #...# #...# #...# #...# .###.',
  p: '####. #...# #...# ####. #.... #.... #....',
  q: '.###. #...# #...# #...# #.#.# #..#. .##.#',
  r: '####. #...# #...# ####. #.#.. #..#. #...#',
  s: '.#### #.... #.... .###. ....# ....# ####.',
  t: '##### ..#.. ..#.. ..#.. ..#.. ..#.. ..#..',
  u: '#...# #...# #...# #...# #...# #...# .###.',
  v: '#...# #...# #...# #...# #...# .#.#. ..#..',
  w: '#...# #...# #...# #.#.# #.#.# #.#.# .#.#.',
  x: '#...# #...# .#.#. ..#.. .#.#. #...# #...#',
  y: '#...# #...# .#.#. ..#.. ..#.. ..#.. ..#..',
  z: '##### ....# ...#. ..#.. .#... #.... #####',
  '0': '.###. #...# #..## #.#.# ##..# #...# .###.',
  '1': '..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.',
  '2': '.###. #...# ....# ...#. ..#.. .#... #####',
  '3': '##### ...#. ..#.. ...#. ....# #...# .###.',
  '4': '...#. ..##. .#.#. #..#. ##### ...#. ...#.',
  '5': '##### #.... ####. ....# ....# #...# .###.',
  '6': '..##. .#... #.... ####. #...# #...# .###.',
  '7': '##### ....# ...#. ..#.. .#... .#... .#...',
  '8': '.###. #...# #...# .###. #...# #...# .###.',
  '9': '.###. #...# #...# .#### ....# ...#. .##..',
  '-': '..... ..... ..... ##### ..... ..... .....',
  _: '..... ..... ..... ..... ..... ..... #####',
  '.': '..... ..... ..... ..... ..... .##.. .##..',
  '+': '..... ..#.. ..#.. ##### ..#.. ..#.. .....',
  ' ': '..... ..... ..... ..... ..... ..... .....',
  ':': '..... .##.. .##.. ..... .##.. .##.. .....',
  '/': '..... ....# ...#. ..#.. .#... #.... .....',
  '=': '..... ..... ##### ..... ##### ..... .....',
  '(': '...#. ..#.. .#... .#... .#... ..#.. ...#.',
  ')': '.#... ..#.. ...#. ...#. ...#. ..#.. .#...',
  '%': '##... ##..# ...#. ..#.. .#... #..## ...##',
  ',': '..... ..... ..... ..... .##.. ..#.. .#...',
  '?': '.###. #...# ....# ...#. ..#.. ..... ..#..',
  '!': '..#.. ..#.. ..#.. ..#.. ..#.. ..... ..#..',
  '#': '.#.#. .#.#. ##### .#.#. ##### .#.#. .#.#.',
  '*': '..... ..#.. #.#.# .###. #.#.# ..#.. .....',
  "'": '..#.. ..#.. .#... ..... ..... ..... .....',
};

/** Glyph bitmaps as 35 bits (row-major) for fast drawing; built once. */
const BITMAPS = new Map<string, Uint8Array>();
for (const [ch, rows] of Object.entries(GLYPHS)) {
  const cells = rows.replace(/ /g, '');
  if (cells.length !== GLYPH_WIDTH * GLYPH_HEIGHT) throw new Error(`font glyph '${ch}' is malformed`);
  BITMAPS.set(ch, Uint8Array.from(cells, (c) => (c === '#' ? 1 : 0)));
}

/** The characters the font draws (others are drawn as `?`). */
export const FONT_CHARACTERS: string = [...BITMAPS.keys()].join('');

/** The 5×7 bitmap (1 = ink) of a character. */
export function glyph(ch: string): Uint8Array {
  return BITMAPS.get(ch.toLowerCase()) ?? (BITMAPS.get('?') as Uint8Array);
}

/** Width in pixels of `text` drawn at `scale`. */
export function textWidth(text: string, scale = 1): number {
  const n = [...text].length;
  return n === 0 ? 0 : (n * GLYPH_ADVANCE - 1) * scale;
}

/**
 * Draws `text` into an interleaved 8-bit image (`channels` samples per pixel) with its top-left
 * corner at (x, y); every glyph pixel becomes a `scale` × `scale` block of `colour`. Clipped at
 * the image's edges.
 */
export function drawText(
  image: { width: number; height: number; channels: number; data: Uint8Array },
  text: string,
  x: number,
  y: number,
  colour: readonly number[],
  scale = 1,
): void {
  const { width, height, channels, data } = image;
  let penX = x;
  for (const ch of text) {
    const bits = glyph(ch);
    for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
      for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
        if (!bits[gy * GLYPH_WIDTH + gx]) continue;
        for (let sy = 0; sy < scale; sy++) {
          const py = y + gy * scale + sy;
          if (py < 0 || py >= height) continue;
          for (let sx = 0; sx < scale; sx++) {
            const px = penX + gx * scale + sx;
            if (px < 0 || px >= width) continue;
            const d = (py * width + px) * channels;
            for (let c = 0; c < channels; c++) data[d + c] = colour[Math.min(c, colour.length - 1)];
          }
        }
      }
    }
    penX += GLYPH_ADVANCE * scale;
  }
}
