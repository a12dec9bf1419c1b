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
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const loaded = new Map();
const scripts = [];

function load(name) {
  const file = join(__dirname, name);
  const hit = loaded.get(file);
  if (hit) return hit.exports;
  // Layers are ASCII (scripts/bundle.mjs escapes the rest): read as one-byte text, no UTF-8 decoding.
  const source = readFileSync(file, 'latin1');
  let cachedData;
  try {
    cachedData = readFileSync(file.replace(/\.cjs$/, '.cache'));
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
  scripts.push({ file, script });
  const module = { exports: {} };
  loaded.set(file, module);
  const layerRequire = (id) => (id.startsWith('./') && id.endsWith('.cjs') ? load(id.slice(2)) : require(id));
  script.runInThisContext()(module.exports, layerRequire, module, file, dirname(file));
  return module.exports;
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
