// The README that the VSIX ships. README.md shows its screenshots through `<picture>` blocks with
// paths inside the repository (a light and a dark variant, which GitHub picks by colour scheme).
// Without a repository URL in package.json, vsce cannot turn such paths into addresses, and VS
// Code's extension details page loads README images only from https: or data: sources; so each
// block becomes one `<img>` with the chosen variant inlined as a data: URL, and anything else
// relative is refused here, as vsce would refuse it.

const PICTURE = /<picture>([\s\S]*?)<\/picture>/g;

function attribute(tag, name) {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? match[1] : undefined;
}

/**
 * The `<picture>` blocks of a README: the light image (`<img src>`), the dark one (the `<source>`
 * for `prefers-color-scheme: dark`), the alt text, and where the block starts and ends.
 * @param {string} markdown
 * @returns {{ light: string, dark: string, alt: string, start: number, end: number }[]}
 */
export function pictures(markdown) {
  return [...markdown.matchAll(PICTURE)].map((match) => {
    const block = match[1];
    const img = /<img\b[^>]*>/.exec(block)?.[0];
    const source = /<source\b[^>]*prefers-color-scheme:\s*dark[^>]*>/.exec(block)?.[0];
    const light = img && attribute(img, 'src');
    const dark = source && attribute(source, 'srcset');
    const alt = img && attribute(img, 'alt');
    if (!light || !dark || !alt) {
      throw new Error(`README.md: a <picture> block needs <source media="(prefers-color-scheme: dark)" srcset="…"> and <img src="…" alt="…">: ${match[0].slice(0, 200)}`);
    }
    return { light, dark, alt, start: match.index, end: match.index + match[0].length };
  });
}

function isRelative(link) {
  return !/^[a-z][a-z0-9+.-]*:/i.test(link) && !link.startsWith('#');
}

/**
 * Links and images that point into the repository (what vsce refuses without a repository URL):
 * Markdown `[text](target)` and `![alt](target)`, and `src`, `srcset` and `href` attributes.
 * @param {string} markdown
 * @returns {string[]}
 */
export function relativeLinks(markdown) {
  const targets = [
    ...[...markdown.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...markdown.matchAll(/\s(?:src|srcset|href)=["']([^"']+)["']/g)].map((m) => m[1]),
  ];
  return targets.filter(isRelative);
}

/**
 * README.md as the VSIX ships it: each `<picture>` block replaced by an `<img>` of its `theme`
 * variant inlined as a PNG data: URL.
 * @param {string} markdown
 * @param {(path: string) => Buffer} readImage reads a path of the repository
 * @param {{ theme?: 'light' | 'dark' }} [options]
 * @returns {string}
 * @throws when a relative link or image is left, naming it
 */
export function vsixReadme(markdown, readImage, { theme = 'dark' } = {}) {
  let out = '';
  let from = 0;
  for (const picture of pictures(markdown)) {
    const path = picture[theme];
    if (!path.endsWith('.png')) throw new Error(`README.md: ${path}: only PNG screenshots can be inlined`);
    const data = readImage(path).toString('base64');
    out += markdown.slice(from, picture.start) + `<img src="data:image/png;base64,${data}" alt="${picture.alt}">`;
    from = picture.end;
  }
  out += markdown.slice(from);
  const left = relativeLinks(out);
  if (left.length) {
    throw new Error(`README.md has relative links that the VSIX cannot resolve (no repository URL): ${left.join(', ')}`);
  }
  return out;
}
