// Loads the CLI's bundle layers (dist/bundle/*.cjs, written by
// scripts/bundle.mjs) with V8's code cache: each layer's `.cache` file, made at
// build time by scripts/bundle-train.mjs, holds the bytecode of the functions
// a typical run compiles, so a verb skips most of the parsing and compiling
// of its code (the larger part of start-up after node's own).
// Guarantees: a cache V8 rejects (another node or V8 flags, a different
// file) or a missing one only costs time: the layer compiles from its source
// as without a cache. Nothing is written at run time (the package folder may
// be read-only); `train()` returns the caches for the build to write.
// A layer requires another as `./NAME.cjs` (shared modules; import() became
// require() at bundling); anything else is node's own require (built-ins:
// the layers bundle every package).
'use strict';
const { closeSync, fstatSync, openSync, readSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const loaded = new Map();
const scripts = [];

// One read buffer for every layer and cache file, reused: the source is copied
// out of it into a string, and V8 reads a cache only while it compiles. On
// machines where a first touch of a memory page is slow, a fresh buffer per
// file cost more than reading the bytes (page faults: about 1 ms per 300 KB
// on the bench machine). Pages are touched only where a file is read.
let scratch = Buffer.allocUnsafeSlow(0);

/** The bytes of `file` in the shared read buffer (valid until the next read), or undefined if it cannot be read. */
function readShared(file) {
  let fd;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    if (size > scratch.length) scratch = Buffer.allocUnsafeSlow(Math.max(size, 1 << 20));
    let n = 0;
    while (n < size) {
      const got = readSync(fd, scratch, n, size - n, n);
      if (got === 0) break;
      n += got;
    }
    return scratch.subarray(0, n);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function load(name) {
  const file = join(__dirname, name);
  const hit = loaded.get(file);
  if (hit) return hit.exports;
  // Layers are ASCII (scripts/bundle.mjs escapes the rest): read as one-byte text, no UTF-8
  // decoding. Each is written already wrapped as a function of the module's bindings (the
  // wrapper is not added here: that would copy the whole source once more).
  const bytes = readShared(file);
  if (bytes === undefined) throw new Error(`byok: cannot read the bundle layer ${file}`);
  const source = bytes.latin1Slice(0, bytes.length);
  const cachedData = readShared(cacheFile(file));
  const script = new Script(source, { filename: file, cachedData });
  scripts.push({ file, script });
  const module = { exports: {} };
  loaded.set(file, module);
  const layerRequire = (id) => (id.startsWith('./') && id.endsWith('.cjs') ? load(id.slice(2)) : require(id));
  script.runInThisContext()(module.exports, layerRequire, module, file, dirname(file));
  return module.exports;
}

/** A layer's cache file: NAME.cjs -> NAME.cache (string operations: a pattern costs its compiling at every start). */
function cacheFile(file) {
  return file.endsWith('.cjs') ? file.slice(0, -4) + '.cache' : file + '.cache';
}

/** The code caches of every layer loaded so far, by layer file: for the build (scripts/bundle-train.mjs). */
function caches() {
  return scripts.map(({ file, script }) => ({ file, data: script.createCachedData() }));
}

/** The layer files loaded so far (for tests of what a verb loads). */
function loadedLayers() {
  return scripts.map(({ file, script }) => ({ file, cacheRejected: script.cachedDataRejected }));
}

module.exports = { load, caches, loadedLayers };
