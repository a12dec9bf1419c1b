// Bundles the CLI (dist/cli.js, built by tsc) into dist/bundle/: a few
// CommonJS "layer" files, each loaded only by the verbs that need it, so that
// a verb reads two to five files instead of ~140 modules (zod alone is ~95),
// or the ~20 small chunks esbuild's own code splitting makes: `byok
// parse-example x.sh` loads cli, base and parse; `byok templates` cli, base and
// registry-read (README, "Speed and linear time").
//
// How: LAYERS below is an ordered list; a layer is its entry module (and
// `with` modules) plus everything they reach by static import that no earlier
// layer holds. Each module lives in exactly one layer (module state such as
// the remembered secrets of src/secrets/boundary.ts is never duplicated). A
// layer reads an earlier layer's module through a small shim (the earlier
// layer exports that module's namespace object, whose getters keep bindings
// live); a dynamic import() of a later layer's entry becomes a require() of
// that layer, whose exports are the entry's exports. A module that only a
// dynamic import() reaches, and that is no layer's entry, is bundled into the
// importing layer (esbuild inits it lazily). dist/bundle/loader.cjs
// (scripts/bundle-loader.cjs) loads the layers with the V8 code caches that
// scripts/bundle-train.mjs makes at the end of the build.
//
// Guarantees: the bundle runs the same compiled code as dist/ (it is built
// from tsc's output, not from the sources); dist/bundle/ sits two levels
// below the package root like every dist/ module, so `import.meta.url` paths
// (../../package.json, ../../schema/...) resolve alike; bin/byok.js falls back
// to dist/cli.js when the bundle is absent (esbuild is a devDependency: a
// checkout built without it still runs). A dynamic import of a module that is
// in a later layer but is not that layer's entry, or a LAYERS name the CLI
// does not import, fails the build.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(dist, 'bundle');
let esbuild;
try {
  esbuild = await import('esbuild');
} catch {
  console.error('bundle: esbuild is not installed; bin/byok.js will run dist/cli.js unbundled.');
  process.exit(0);
}

/**
 * The layers, in load order. `entries`: one dist module, whose exports are the
 * layer file's exports (what an import() of it returns); `common`: the modules
 * that every one of these dist entries reaches statically (and no earlier
 * layer holds), so two sibling layers share them without loading each other;
 * `with`: modules (and what they reach) that the layer also holds, reached by
 * an import() inside the layer (the curl front-end, in the parse layer).
 */
const LAYERS = [
  { name: 'cli', entries: ['cli.js'] },
  { name: 'base', common: ['api.js', 'registry/verbs.js'] },
  { name: 'parse', entries: ['api.js'], with: ['curl/index.js'] },
  { name: 'registry-read', entries: ['registry/verbs.js'] },
  { name: 'code', common: ['python/index.js', 'js/index.js'] },
  { name: 'python', entries: ['python/index.js'] },
  { name: 'js', entries: ['js/index.js'] },
  { name: 'store', entries: ['registry/store.js'] },
  { name: 'registry', entries: ['registry/index.js'] },
  { name: 'discovery', entries: ['vendors/discovery.js'] },
  { name: 'probe', entries: ['vendors/probe.js'] },
  { name: 'schemas', entries: ['schemas.js'] },
  { name: 'mcp', entries: ['mcp/server.js'] },
];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  legalComments: 'none',
  logLevel: 'warning',
};
const layerFile = (L) => `${L.name}.cjs`;
// A layer file is one function expression of a CommonJS module's bindings, which the loader
// compiles as it is (wrapping the text at load time would copy the whole source once more).
const LAYER_WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {';
const LAYER_WRAPPER_TAIL = '\n})';

// ---- 1. the module graph (static and dynamic edges), from one metafile ----
const graphBuild = await esbuild.build({
  ...common,
  format: 'esm',
  entryPoints: [join(dist, 'cli.js')],
  outdir: join(root, '.bundle-graph'),
  splitting: true,
  write: false,
  metafile: true,
  logLevel: 'silent',
});
const abs = (p) => resolve(root, p);
const staticEdges = new Map();
const dynamicEdges = new Map();
// How each import was resolved (importer, specifier, kind -> file): the layer builds read it here
// instead of asking esbuild again for every import (a plugin round trip each: ~20 s in all).
const resolved = new Map();
const resolveKey = (importer, spec, kind) => `${importer}\0${spec}\0${kind}`;
for (const [p, info] of Object.entries(graphBuild.metafile.inputs)) {
  for (const i of info.imports) if (!i.external && i.original) resolved.set(resolveKey(abs(p), i.original, i.kind), abs(i.path));
  const own = info.imports.filter((i) => !i.external);
  staticEdges.set(abs(p), own.filter((i) => i.kind !== 'dynamic-import').map((i) => abs(i.path)));
  dynamicEdges.set(abs(p), own.filter((i) => i.kind === 'dynamic-import').map((i) => abs(i.path)));
}
const layerEntries = new Set(LAYERS.flatMap((L) => L.entries ?? []).map((e) => join(dist, e)));
// A module LAYERS names that the CLI does not reach (renamed, removed) is a stale list: fix it here.
for (const L of LAYERS) {
  for (const e of [...(L.entries ?? []), ...(L.common ?? []), ...(L.with ?? [])]) {
    if (!staticEdges.has(join(dist, e))) throw new Error(`bundle: LAYERS (layer ${L.name}) names ${e}, which the CLI does not import`);
  }
}
/** What `files` reach by static import, and by import() of a module that is no layer's entry (bundled in). */
const closure = (files) => {
  const seen = new Set();
  const walk = (f) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const d of staticEdges.get(f) ?? []) walk(d);
    for (const d of dynamicEdges.get(f) ?? []) if (!layerEntries.has(d)) walk(d);
  };
  files.forEach(walk);
  return seen;
};

// ---- 2. which layer holds each module ----
const layerOf = new Map();
for (const [i, L] of LAYERS.entries()) {
  if (L.common) {
    const sets = L.common.map((e) => closure([join(dist, e)]));
    L.entries = [];
    // A module that is a layer's entry stays in its own layer (an import() of it needs its namespace).
    L.files = [...sets[0]].filter((f) => !layerOf.has(f) && !layerEntries.has(f) && sets.every((s) => s.has(f)));
  } else {
    L.files = [...closure([...L.entries, ...(L.with ?? [])].map((e) => join(dist, e)))].filter((f) => !layerOf.has(f));
  }
  for (const f of L.files) layerOf.set(f, i);
}
const entryLayer = new Map(LAYERS.flatMap((L, i) => L.entries.map((e) => [join(dist, e), i])));

// ---- 3. which modules later layers import from each layer (only those are exported) ----
const ids = new Map([...layerOf.keys()].map((f, i) => [f, `m${i}`]));
const needed = new Set();
for (const [f, deps] of staticEdges) {
  const from = layerOf.get(f);
  if (from === undefined) continue;
  for (const d of [...deps, ...dynamicEdges.get(f)]) if (layerOf.get(d) !== undefined && layerOf.get(d) < from) needed.add(d);
}

// The export names of each module a later layer imports, read at build time (one import of each):
// a shim then binds each name once, instead of copying the namespace object's getters at load
// (esbuild's __toESM and __reExport: two copies per shim, ~2 ms of a Python paste's start-up, and
// two getter calls at each later use). Bound once, a name keeps the value it had when the later
// layer loaded, when every earlier layer has finished loading: right for functions, classes and
// constants. An exported `let` could change later, so a module with one keeps the live shim.
const exportNames = new Map();
for (const f of needed) {
  if (!f.startsWith(dist + '/')) continue;
  const text = readFileSync(f, 'utf8');
  const listed = [...text.matchAll(/^export \{([^}]*)\};?$/gm)].flatMap((m) => m[1].split(',').map((x) => x.trim().split(/\s+as\s+/)[0]));
  if (/^export let /m.test(text) || listed.some((n) => n && new RegExp(`\\blet\\s+${n}\\b`).test(text))) continue;
  exportNames.set(f, Object.keys(await import(pathToFileURL(f).href)));
}

// ---- the Python grammar's parse tables, decoded at build time ----
// @lezer/python ships its LR tables as strings that @lezer/lr decodes with a JS loop on every
// start (~10 ms before the code is warm); LRParser.deserialize takes typed arrays as they are.
// The bundle holds them as base64 of the decoded arrays (the build machine's byte order, which
// is the running machine's: `npm install` builds in place), decoded by Buffer in native code.
// test/bundle-layers.test.ts checks the bundled tables against the package's.
const lezerTables = {
  name: 'byok-lezer-tables',
  setup(build) {
    build.onLoad({ filter: /[\\/]@lezer[\\/]python[\\/]dist[\\/]index\.js$/ }, async (args) => {
      const source = readFileSync(args.path, 'utf8');
      const { parser } = await import(pathToFileURL(args.path).href);
      const group = parser.tokenizers.find((t) => t && t.data instanceof Uint16Array);
      const tables = { states: parser.states, stateData: parser.data, goto: parser.goto, tokenData: group?.data };
      let out = source;
      for (const [key, arr] of Object.entries(tables)) {
        const re = new RegExp(`^(  ${key}: )"[^"\\\\]*",$`, 'm');
        if (!arr || !re.test(out)) return undefined; // another layout: leave the package as it is
        const b64 = Buffer.from(arr.buffer, arr.byteOffset, arr.byteLength).toString('base64');
        out = out.replace(re, `$1__byokTable(${JSON.stringify(b64)}, ${arr.BYTES_PER_ELEMENT * 8}),`);
      }
      out = withoutHighlighting(out);
      const helper =
        'function __byokTable(b64, bits) { const b = Buffer.from(b64, "base64"); const ab = b.buffer.slice(b.byteOffset, b.byteOffset + b.length); return bits === 32 ? new Uint32Array(ab) : new Uint16Array(ab); }\n';
      return { contents: helper + out, loader: 'js' };
    });
  },
};

/**
 * The grammar without its syntax-highlighting tags: byok reads trees, never highlights them,
 * and the tags cost every Python start the @lezer/highlight module, its tag table and a prop
 * on every node type. Node types, ids and every other prop stay as they are. Only when the
 * import, the tag table and the prop source each appear once as expected; else unchanged.
 */
function withoutHighlighting(source) {
  const imp = /^import \{ styleTags, tags \} from '@lezer\/highlight';\n/m;
  const table = /^const pythonHighlighting = styleTags\(\{\n[\s\S]*?\n\}\);\n/m;
  const prop = /^  propSources: \[pythonHighlighting\],\n/m;
  if (![imp, table, prop].every((re) => (source.match(new RegExp(re.source, 'gm')) ?? []).length === 1)) return source;
  const out = source.replace(imp, '').replace(table, '').replace(prop, '');
  return /pythonHighlighting|@lezer\/highlight/.test(out) ? source : out;
}

// ---- 4. one build per layer ----
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const [i, L] of LAYERS.entries()) {
  if (!L.files.length) continue;
  const lines = [];
  // The entry's exports are the layer file's own exports (what `import('./layer.js')` returns).
  if (L.entries.length > 1) throw new Error(`bundle: layer ${L.name} has more than one entry`);
  if (L.entries[0]) lines.push(`export * from ${JSON.stringify(join(dist, L.entries[0]))};`);
  // Each module a later layer imports, as one namespace object (its getters keep bindings live).
  for (const f of L.files) if (needed.has(f)) lines.push(`export * as ${ids.get(f)} from ${JSON.stringify(f)};`);
  const shim = {
    name: 'byok-layers',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.namespace === 'byok-shim' && args.path.startsWith('./') && args.path.endsWith('.cjs')) return { path: args.path, external: true };
        if (args.namespace === 'byok-shim') return { path: args.path.slice('byok-ns:'.length), namespace: 'byok-ns' };
        if (args.namespace === 'byok-ns') return { path: args.path, external: true };
        if (args.pluginData?.inner) return undefined;
        if (args.kind === 'entry-point') return undefined;
        const known = args.namespace === 'file' ? resolved.get(resolveKey(args.importer, args.path, args.kind)) : undefined;
        const r = known ? { path: known } : await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { inner: true } });
        if (r.errors?.length || r.external || !r.path) return undefined;
        const at = layerOf.get(r.path);
        if (at === undefined || at === i) return undefined;
        // (Shim paths are relative to the package: the bundle names no build folder.)
        if (at < i) return { path: relative(root, r.path), namespace: 'byok-shim' };
        // A later layer: only its entry, only by import().
        if (args.kind === 'dynamic-import' && entryLayer.get(r.path) === at) {
          return { path: `./${layerFile(LAYERS[at])}`, external: true };
        }
        throw new Error(`bundle: ${relative(root, args.importer)} imports ${relative(root, r.path)} (${args.kind}), which is in the later layer "${LAYERS[at].name}" and is not its entry`);
      });
      // A shim: the module's exports, read from its layer's namespace object for it. Only that
      // module's exports are copied (live getters), not the whole layer's.
      build.onLoad({ filter: /.*/, namespace: 'byok-shim' }, (args) => {
        const file = join(root, args.path);
        const names = exportNames.get(file);
        if (names) {
          // Each export bound once from the earlier layer's namespace object (see exportNames).
          const from = `require(${JSON.stringify(`./${layerFile(LAYERS[layerOf.get(file)])}`)}).${ids.get(file)}`;
          const lines = [`const ns = ${from};`];
          for (const n of names) lines.push(n === 'default' ? 'export default ns.default;' : `export const ${n} = ns.${n};`);
          return { contents: lines.join('\n') + '\n', loader: 'js' };
        }
        return {
          contents: `import ns from ${JSON.stringify(`byok-ns:${args.path}`)};\nexport default ns.default;\nexport * from ${JSON.stringify(`byok-ns:${args.path}`)};\n`,
          loader: 'js',
        };
      });
      build.onLoad({ filter: /.*/, namespace: 'byok-ns' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(`./${layerFile(LAYERS[layerOf.get(join(root, args.path))])}`)}).${ids.get(join(root, args.path))};\n`,
        loader: 'js',
      }));
    },
  };
  await esbuild.build({
    ...common,
    format: 'cjs',
    // import() of another layer becomes require() of it: dist/bundle/loader.cjs loads every layer.
    supported: { 'dynamic-import': false },
    // import.meta.url, worked out when read (only the store layer reads it as it loads): the file
    // URL cost ~0.5 ms at every layer's load.
    define: { 'import.meta.url': '__byok_meta.url' },
    banner: { js: "var __byok_meta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };" },
    stdin: { contents: lines.join('\n') + '\n', resolveDir: dist, sourcefile: `layer-${L.name}.js`, loader: 'js' },
    outfile: join(out, layerFile(L)),
    plugins: [shim, lezerTables],
  });
}
// Every layer as ASCII (esbuild leaves non-ASCII characters in regular expression literals):
// \uXXXX means the same in a string, template, regular expression or identifier of minified
// code, and the loader then reads a layer as one-byte text (latin1), skipping UTF-8 decoding,
// and V8 keeps a one-byte source. Then the wrapper (LAYER_WRAPPER_HEAD).
for (const L of LAYERS) {
  const file = join(out, layerFile(L));
  if (!existsSync(file)) continue;
  const text = readFileSync(file, 'utf8');
  const ascii = text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  writeFileSync(file, `${LAYER_WRAPPER_HEAD}${ascii}${LAYER_WRAPPER_TAIL}`);
}
// A module a shim re-exports must be exported by its layer: checked once here.
for (const f of needed) if (!existsSync(join(out, layerFile(LAYERS[layerOf.get(f)])))) throw new Error(`bundle: layer of ${relative(root, f)} was not written`);
copyFileSync(join(root, 'scripts/bundle-loader.cjs'), join(out, 'loader.cjs'));
writeFileSync(
  join(out, 'layers.json'),
  JSON.stringify(Object.fromEntries(LAYERS.map((L) => [L.name, L.files.map((f) => relative(root, f))])), null, 1) + '\n',
);

// ---- 5. the code caches (scripts/bundle-train.mjs), in a child process with node's default flags ----
const train = spawnSync(process.execPath, [join(root, 'scripts/bundle-train.mjs')], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
if (train.status !== 0) console.error(`bundle: no code caches (the training run failed; the CLI runs without them):\n${train.stderr.slice(0, 2000)}`);
