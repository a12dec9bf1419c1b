// The benchmark (never run by the tests): in one run, side by side on the same
// inputs and machine, medians throughout:
//  - per-sample parse: byok vs curlconverter (devDependency, bench only) on the
//    curl samples of the shared corpora it reads; byok alone on Python and JS;
//  - whole-process time of each CLI verb vs a bare `node -e 0`, and peak RSS;
//  - growth with input size (1 KiB..256 KiB) and every pathological shape of
//    bench/shapes.mjs at growing sizes: the figure is the slope (the exponent
//    of a log-log fit: 1 is linear, 2 quadratic);
//  - registry verbs at 10 / 100 / 1,000 entries.
// Prints a table and writes bench/results.json. Absent corpora are skipped.
// Usage: npm run bench [-- --quick] [-- --only=SECTION,...]   (--quick: fewer repetitions)
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { tmpdir, cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { SHAPES } from './shapes.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const quick = process.argv.includes('--quick');
// --only=registry,shapes,...: run only those sections (samples, process, growth, shapes, registry).
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const want = (s) => !only || only.includes(s);
// The public entry (what `import('byok')` gives, the output boundary included), as a library caller times it.
const { parseExample } = await import(join(root, 'dist/index.js'));
// The same parse without the output boundary (its input scan, .env check and output scrub): the parser's own share.
const { parseExample: parseOnly } = await import(join(root, 'dist/api.js'));
const { expandKeyMarkers, generateKey } = await import(join(root, 'test/helpers/key-gen.mjs'));
const corpus = resolve(root, '../shared/corpus');
const results = { machine: { cpus: cpus().length, cpu: cpus()[0]?.model, mem_gb: Math.round(totalmem() / 2 ** 30), node: process.version }, when: new Date().toISOString() };

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const r1 = (x) => Math.round(x * 10) / 10;
const r3 = (x) => Math.round(x * 1000) / 1000;
/** Exponent of a least-squares fit of log(time) on log(size). */
const slope = (pts) => {
  const xs = pts.map((p) => Math.log(p[0]));
  const ys = pts.map((p) => Math.log(Math.max(p[1], 0.01)));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return r3(num / den);
};
const walk = (dir, re) => {
  const out = [];
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...walk(p, re));
    else if (re.test(f)) out.push(p);
  }
  return out.sort();
};
const table = (title, head, rows) => {
  console.log(`\n## ${title}`);
  const w = head.map((h, i) => Math.max(String(h).length, ...rows.map((r) => String(r[i]).length)));
  console.log(head.map((h, i) => String(h).padEnd(w[i])).join('  '));
  for (const r of rows) console.log(r.map((c, i) => String(c).padEnd(w[i])).join('  '));
};
/**
 * Median CPU time (ms) of `reps` calls after one warm-up call. In-process figures are CPU
 * time, not wall time, so that other processes on a shared machine do not skew them.
 */
async function timeIt(fn, reps) {
  await fn(); // warm up
  const t = [];
  for (let i = 0; i < reps; i++) {
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    t.push((c.user + c.system) / 1000);
  }
  return median(t);
}

// ---- 1. per-sample parse: byok vs curlconverter ----
if (want('samples')) {
let curlconverter = null;
try {
  curlconverter = await import('curlconverter');
} catch {
  console.log('curlconverter is not installed: the side-by-side columns are skipped.');
}
const reps = quick ? 11 : 21;
// Untimed warm-up passes over every sample of a set, for each tool alike, before any sample is
// timed: otherwise the first samples time the JIT compiling the code (byok's TypeScript more
// than curlconverter's native parser) and the figure depends on the samples' order. Each curl
// set is timed twice: after WARMUP_PASSES, and again after STEADY_PASSES in all (the "steady"
// row: the JIT has optimised both tools' code, as in a long-running process such as the MCP
// server; byok's code, called once per parse, takes ~100 passes to get there).
const WARMUP_PASSES = 5;
const STEADY_PASSES = 100;
const curlSets = {
  'vendor-docs (LLM curl)': walk(join(corpus, 'vendor-docs'), /\.sh$/),
  'curl corpus (curlconverter fixtures)': walk(join(corpus, 'curl/inputs'), /\.sh$/),
};
results.per_sample = {};
results.per_sample_method = {
  warmup_passes: WARMUP_PASSES,
  steady_passes: STEADY_PASSES,
  runs_per_sample: reps,
  statistic: 'median CPU time of the runs after one more warm-up call; the row is the median over samples',
};
const sampleRows = [];
for (const [set, files] of Object.entries(curlSets)) {
  if (!files.length) {
    console.log(`${set}: corpus absent, skipped.`);
    continue;
  }
  // Only the samples curlconverter reads (all of them without curlconverter).
  const samples = [];
  for (const f of files) {
    const text = expandKeyMarkers(readFileSync(f, 'utf8').replace(/\r\n/g, '\n')).text;
    if (curlconverter) {
      try {
        curlconverter.toJsonObject(text);
      } catch {
        continue;
      }
    }
    samples.push({ f, text });
  }
  const warm = async (passes) => {
    for (let pass = 0; pass < passes; pass++)
      for (const { f, text } of samples) {
        if (curlconverter) curlconverter.toJsonObject(text);
        await parseExample(text, { filename: f });
      }
  };
  const measure = async (name) => {
    const byok = [];
    const bare = [];
    const cc = [];
    for (const { f, text } of samples) {
      if (curlconverter) cc.push(await timeIt(() => curlconverter.toJsonObject(text), reps));
      byok.push(await timeIt(() => parseExample(text, { filename: f }), reps));
      bare.push(await timeIt(() => parseOnly(text, { filename: f }), reps));
    }
    const read = samples.length;
    const mb = median(byok);
    const mp = median(bare);
    const mc = median(cc);
    results.per_sample[name] = { samples: files.length, read_by_curlconverter: read, byok_ms: r3(mb), curlconverter_ms: r3(mc), ratio: r3(mb / mc), parser_only_ms: r3(mp), parser_only_ratio: r3(mp / mc) };
    sampleRows.push([name, `${read}/${files.length}`, r3(mb), r3(mc), r3(mb / mc)]);
    sampleRows.push([`${name}, parser only (dist/api.js)`, `${read}/${files.length}`, r3(mp), r3(mc), r3(mp / mc)]);
  };
  await warm(WARMUP_PASSES);
  await measure(set);
  await warm(STEADY_PASSES - WARMUP_PASSES);
  await measure(`${set}, steady`);
}
for (const [lang, re] of [['python', /\.py$/], ['javascript/typescript', /\.(js|mjs|ts|tsx)$/]]) {
  const files = walk(join(corpus, 'vendor-docs'), re);
  if (!files.length) continue;
  const samples = files.map((f) => ({ f, text: expandKeyMarkers(readFileSync(f, 'utf8')).text }));
  for (let pass = 0; pass < WARMUP_PASSES; pass++) for (const { f, text } of samples) await parseExample(text, { filename: f });
  const t = [];
  for (const { f, text } of samples) t.push(await timeIt(() => parseExample(text, { filename: f }), reps));
  results.per_sample[`vendor-docs ${lang}`] = { samples: files.length, byok_ms: r3(median(t)) };
  sampleRows.push([`vendor-docs ${lang}`, files.length, r3(median(t)), '-', '-']);
}
table('Per-sample parse, median CPU ms per sample (each sample: median of its runs)', ['set', 'samples', 'byok', 'curlconverter', 'byok/cc'], sampleRows);
}

// ---- 2. whole-process time and peak RSS ----
const ws = mkdtempSync(join(tmpdir(), 'byok-bench-'));
const bin = join(root, 'bin/byok.js');
const hasTime = existsSync('/usr/bin/time');
function run(args, env = {}) {
  const argv = hasTime ? ['/usr/bin/time', '-f', '%M %U %S', process.execPath, ...args] : [process.execPath, ...args];
  const t0 = performance.now();
  const r = spawnSync(argv[0], argv.slice(1), { env: { ...process.env, BYOK_WORKSPACE: ws, BYOK_CACHE_DIR: join(ws, '.cache'), ...env }, encoding: 'utf8', input: '' });
  const ms = performance.now() - t0;
  const [rssKb, user, sys] = hasTime ? r.stderr.trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
  return { ms, cpuMs: (user + sys) * 1000, rssMb: rssKb / 1024, stdout: r.stdout, status: r.status };
}
/** An untimed first run, which must succeed: a command that fails is not a measure of the verb (it once timed a refusal). */
function firstRun(args) {
  const first = run(args);
  if (first.status !== 0) throw new Error(`bench: \`${args.join(' ')}\` exited ${first.status}: ${first.stdout.slice(0, 300)}`);
}
function measure(args, n, prep) {
  const ms = [];
  const cpu = [];
  const rss = [];
  const argsOf = typeof args === 'function' ? args : () => args;
  prep?.();
  firstRun(argsOf());
  for (let i = 0; i < n; i++) {
    prep?.();
    const r = run(argsOf());
    ms.push(r.ms);
    cpu.push(r.cpuMs);
    rss.push(r.rssMb);
  }
  return { ms: median(ms), cpu: median(cpu), rss: Math.max(...rss) };
}
/**
 * A verb against `node -e 0`, interleaved: each round runs the bare node and
 * then the verb, and the ratio is the median of the rounds' ratios, so that a
 * change in the machine's speed during the run (another process, the CPU's
 * clock) moves both sides of each ratio alike.
 */
function measureVsNode(args, n) {
  const argsOf = typeof args === 'function' ? args : () => args;
  firstRun(argsOf());
  const ms = [];
  const cpu = [];
  const rss = [];
  const ratio = [];
  const cpuRatio = [];
  for (let i = 0; i < n; i++) {
    const b = run(['-e', '0']);
    const r = run(argsOf());
    ms.push(r.ms);
    cpu.push(r.cpuMs);
    rss.push(r.rssMb);
    ratio.push(r.ms / b.ms);
    cpuRatio.push(r.cpuMs / b.cpuMs);
  }
  return { ms: median(ms), cpu: median(cpu), rss: Math.max(...rss), ratio: median(ratio), cpuRatio: median(cpuRatio) };
}
const n = quick ? 9 : 15;
let base = { ms: NaN, cpu: NaN, rss: NaN };
if (want('process') || want('registry')) base = measure(['-e', '0'], n);
const fx = (p) => join(root, 'fixtures', p);
const verbs = [
  ['parse-example (curl)', [bin, 'parse-example', fx('deepseek/chat-thinking-export.sh')]],
  ['parse-example (python)', [bin, 'parse-example', fx('openai/py-chat-no-args.py')]],
  ['parse-example (js)', [bin, 'parse-example', fx('openai/js-responses-default-client.ts')]],
  ['inspect (curl)', [bin, 'inspect', fx('deepseek/chat-thinking-export.sh')]],
  ['templates', [bin, 'templates']],
  ['list (1 entry)', [bin, 'list']],
  ['get (1 entry)', () => [bin, 'get', oneId]],
  ['--help', [bin, '--help']],
  ['import("byok")', ['--input-type=module', '-e', `await import(${JSON.stringify(join(root, 'dist/index.js'))})`]],
];
// The process rows' workspace holds one entry (`add`), so that list and get read a real registry.
let oneId = '';
if (want('process')) {
const added = run([bin, 'add', '--upstream-model', 'bench-model', '--base-url', 'https://api.example.com/v1']);
oneId = JSON.parse(added.stdout).model_id;
results.process = { node_e_0_ms: r1(base.ms), node_e_0_cpu_ms: r1(base.cpu), node_e_0_rss_mb: r1(base.rss), verbs: {} };
const procRows = [['node -e 0', r1(base.ms), '1.00', r1(base.cpu), '1.00', r1(base.rss)]];
for (const [label, args] of verbs) {
  const m = measureVsNode(args, n);
  results.process.verbs[label] = { ms: r1(m.ms), ratio: r3(m.ratio), cpu_ms: r1(m.cpu), cpu_ratio: r3(m.cpuRatio), rss_mb: r1(m.rss) };
  procRows.push([label, r1(m.ms), m.ratio.toFixed(2), r1(m.cpu), m.cpuRatio.toFixed(2), r1(m.rss)]);
}
table(`Whole process, median of ${n} runs (wall ms, and the process's CPU ms from /usr/bin/time, 10 ms resolution); "x node": median of each round's ratio to a \`node -e 0\` run just before`, ['command', 'wall ms', 'x node', 'cpu ms', 'x node', 'peak RSS MB'], procRows);
}

// ---- 3. growth with input size ----
const SIZES = [1024, 4096, 16384, 65536, 262144];
const URL = 'https://api.openai.com/v1/chat/completions';
const CURL = `curl ${URL} -H "Authorization: Bearer $OPENAI_API_KEY" -d '{"model":"gpt-4o","messages":[]}'\n`;
const growth = {
  'repeated calls': (s) => CURL.repeat(Math.max(1, Math.floor(s / CURL.length))),
  'one big body': (s) => `curl ${URL} -d '{"model":"gpt-4o","messages":[` + Array.from({ length: Math.max(1, Math.floor((s - 120) / 60)) }, (_, i) => `{"role":"user","content":"message ${String(i).padStart(6, '0')} ${'x'.repeat(20)}"}`).join(',') + "]}'",
  'comment run': (s) => '# a comment line\n'.repeat(Math.floor((s - CURL.length) / 17)) + CURL,
  'blank-line run': (s) => '\n'.repeat(s - CURL.length) + CURL,
};
const size = (fn, s) => {
  const t = fn(s);
  return t.length > s ? t.slice(0, s) : t;
};
results.growth = {};
if (want('growth')) {
const growRows = [];
for (const [name, gen] of Object.entries(growth)) {
  const pts = [];
  for (const s of SIZES) {
    const text = size(gen, s);
    pts.push([text.length, await timeIt(() => parseExample(text), quick ? 1 : 3)]);
  }
  results.growth[name] = { points_ms: pts.map(([s, t]) => [s, r3(t)]), slope: slope(pts.slice(2)) };
  growRows.push([name, ...pts.map((p) => r1(p[1])), slope(pts.slice(2))]);
}
table('Growth with input size, median CPU ms (slope = log-log exponent over 16..256 KiB; 1 = linear)', ['input', ...SIZES.map((s) => `${s / 1024}K`), 'slope'], growRows);
}

// ---- 4. pathological shapes at growing sizes ----
const SHAPE_SIZES = [16384, 65536, 262144];
results.shapes = {};
if (want('shapes')) {
const shapeRows = [];
for (const sh of SHAPES) {
  const pts = [];
  let code = '';
  for (const s of SHAPE_SIZES) {
    const text = sh.gen(s, () => generateKey('openai'));
    let r;
    const ms = await timeIt(async () => {
      r = await parseExample(text, { filename: sh.filename });
    }, 1);
    code = r.ok ? 'ok' : r.code;
    pts.push([text.length, ms]);
  }
  const sl = slope(pts);
  results.shapes[`${sh.group}: ${sh.name}`] = { points_ms: pts.map(([s, t]) => [s, r3(t)]), slope: sl, result: code };
  shapeRows.push([`${sh.group}: ${sh.name}`, ...pts.map((p) => r1(p[1])), sl, code]);
}
table('Pathological shapes, CPU ms (slope over 16..256 KiB)', ['shape', '16K', '64K', '256K', 'slope', 'result'], shapeRows);
const worst = Math.max(...Object.values(results.shapes).map((s) => s.points_ms[2][1]));
results.shapes_max_256k_ms = r1(worst);
console.log(`slowest shape at 256 KiB: ${r1(worst)} ms of CPU in-process`);
}

// ---- 5. registry verbs at 10 / 100 / 1,000 entries ----
const { parse, stringify } = await import('yaml');
results.registry = {};
if (want('registry')) {
const regRows = [];
const seedWs = join(ws, 'seed');
mkdirSync(seedWs, { recursive: true });
run([bin, 'add', '--upstream-model', 'seed-model', '--base-url', 'https://api.example.com/v1', '--workspace', seedWs]);
const seedFile = join(seedWs, 'config/custom_models.yaml');
if (!existsSync(seedFile)) console.log('registry: could not create a seed entry; skipped.');
else {
  const { entryId } = await import(join(root, 'dist/registry/ids.js'));
  const doc = parse(readFileSync(seedFile, 'utf8'));
  const listKey = Object.keys(doc).find((k) => Array.isArray(doc[k]));
  const seed = doc[listKey][0];
  for (const count of [10, 100, 1000]) {
    const dir = join(ws, `reg${count}`);
    mkdirSync(join(dir, 'config'), { recursive: true });
    const entries = Array.from({ length: count }, (_, i) => {
      const model = `model-${i}`;
      const baseUrl = `https://api${i % 17}.example.com/v1`;
      // A deep copy per entry: shared objects would be written as YAML anchors and aliases,
      // which byok refuses past 100 (an alias bomb), and the bench would time that refusal.
      return { ...structuredClone(seed), id: entryId(baseUrl, model), name: model, upstream_model: model, base_url: baseUrl };
    });
    const file = join(dir, 'config/custom_models.yaml');
    writeFileSync(file, stringify({ ...doc, [listKey]: entries }));
    const w = ['--workspace', dir];
    // Repeated commands on an unchanged file (the registry cache, src/registry/cache.ts, is warm
    // after the first); `add` adds a new model each time, as a user would.
    const list = measure([bin, 'list', ...w], n);
    const get = measure([bin, 'get', entries[count - 1].id, ...w], n);
    let k = 0;
    const add = measure(() => [bin, 'add', '--upstream-model', `new-model-${k++}`, '--base-url', 'https://new.example.com/v1', ...w], n);
    // The first command after a hand edit of one entry (its name, in the middle of the list): the
    // file's hash misses the cache; the entry is parsed and validated again, the others come from
    // the cache by their text's digest (src/registry/read.ts).
    let e = 0;
    const middle = `name: ${entries[count >> 1].name}\n`;
    let named = middle;
    const edit = () => {
      const next = `name: edited by hand ${e++}\n`;
      writeFileSync(file, readFileSync(file, 'utf8').replace(named, next));
      named = next;
    };
    const listEdited = measure([bin, 'list', ...w], n, edit);
    const getEdited = measure([bin, 'get', entries[count - 1].id, ...w], n, edit);
    const addEdited = measure(() => [bin, 'add', '--upstream-model', `new-model-${k++}`, '--base-url', 'https://new.example.com/v1', ...w], n, edit);
    // The worst case: every entry's text changed (a field of each toggled), the whole file parsed and validated again.
    let flip = false;
    const editAll = () => {
      const t = readFileSync(file, 'utf8');
      writeFileSync(file, flip ? t.replaceAll('max_tokens: 1000\n', 'max_tokens: null\n') : t.replaceAll('max_tokens: null\n', 'max_tokens: 1000\n'));
      flip = !flip;
    };
    const listAll = measure([bin, 'list', ...w], n, editAll);
    const all = { list, get, add, 'list after hand edit': listEdited, 'get after hand edit': getEdited, 'add after hand edit': addEdited, 'list after every entry edited': listAll };
    const each = (f) => Object.fromEntries(Object.entries(all).map(([v, m]) => [v, r1(f(m))]));
    const row = { wall_ms: each((m) => m.ms), cpu_ms: each((m) => m.cpu), own_cpu_ms: each((m) => m.cpu - base.cpu), rss_mb: each((m) => m.rss) };
    results.registry[count] = row;
    regRows.push([count, ...Object.values(row.cpu_ms), ...Object.values(row.own_cpu_ms), Object.values(row.wall_ms).join('/')]);
  }
  const cols = ['list', 'get', 'add', 'list edited', 'get edited', 'add edited', 'list all edited'];
  table(`Registry verbs, whole process, median CPU ms (own = beyond node -e 0 at ${r1(base.cpu)} ms; "edited": first run after a hand edit of one entry; "all edited": of every entry)`, ['entries', ...cols, ...cols.map((c) => `own ${c}`), 'wall ms'], regRows);
}
}
rmSync(ws, { recursive: true, force: true });

writeFileSync(join(root, only ? `bench/results-${only.join('-')}.json` : 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwrote bench/${only ? `results-${only.join('-')}.json` : 'results.json'}`);
