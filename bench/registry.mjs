// Registry verbs at 10 / 100 / 1,000 entries: the time `list`, `get` and
// `add` take of their own work, in one process after start-up (module loading
// is measured by the whole-process rows of the main bench). Medians of
// several runs, wall clock and CPU (CPU is the steadier figure on a busy
// machine). A registry of 50+ entries is cached after its first parse
// (src/registry/cache.ts); the `file just edited` row is the uncached case. Usable alone (`node bench/registry.mjs [--json]`, after
// `npm run build`) or from the main bench: `import { registryRows } from './registry.mjs'`.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const lib = (p) => import(pathToFileURL(join(root, 'dist', p)).href);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** A registry file with `n` entries shaped like the ones byok writes (headers, params, capabilities). */
async function registryText(n) {
  const { entryId } = await lib('registry/ids.js');
  let y = '# bench registry\nversion: 1\nmodels:\n';
  for (let i = 0; i < n; i++) {
    const model = `vendor/model-${i}`;
    y += `  - id: ${entryId('https://api.example.com/v1', model)}
    name: Model ${i}
    vendor: null
    upstream_model: ${model}
    base_url: https://api.example.com/v1
    wire: openai
    api_key_env: CUSTOM_KEY_API_EXAMPLE_COM
    auth: { in: header, name: Authorization, scheme: Bearer }
    headers: { X-Title: my app }
    query: {}
    thinking_capability: none
    thinking_mode: auto
    thinking_params: {}
    request_params: { top_k: 20, chat_template_kwargs: { enable_thinking: false } }
    capabilities: { streaming: true, tools: true }
    max_tokens: null
    param_policy: { drop_params: [] }
    created_at: "2026-01-01T00:00:00.000Z"
    updated_at: "2026-01-01T00:00:00.000Z"
`;
  }
  return y;
}

async function time(fn) {
  const w = performance.now();
  const c = cpuMs();
  const r = await fn();
  if (!r.ok) throw new Error(`bench call failed: ${r.error}`);
  return { wall: performance.now() - w, cpu: cpuMs() - c };
}

/** Rows `{ entries, verb, wall_ms, cpu_ms }` (medians of `runs`) for each size. */
export async function registryRows({ sizes = [10, 100, 1000], runs = 5 } = {}) {
  const { add, get, listModels } = await lib('registry/index.js');
  const { entryId } = await lib('registry/ids.js');
  const rows = [];
  for (const n of sizes) {
    const ws = mkdtempSync(join(tmpdir(), 'byok-bench-reg-'));
    mkdirSync(join(ws, 'config'));
    writeFileSync(join(ws, 'config', 'custom_models.yaml'), await registryText(n));
    const mid = entryId('https://api.example.com/v1', `vendor/model-${Math.floor(n / 2)}`);
    await listModels({ workspace: ws }); // warm the code paths once
    let k = 0;
    const file = join(ws, 'config', 'custom_models.yaml');
    const edit = () => writeFileSync(file, readFileSync(file, 'utf8').replace(/^# bench registry.*/, `# bench registry, edit ${k++}`));
    const verbs = {
      // The first command after a hand edit: the file is parsed and validated again (no cache hit).
      'list (file just edited)': () => {
        edit();
        return listModels({ workspace: ws });
      },
      'get (file just edited)': () => {
        edit();
        return get(mid, { workspace: ws });
      },
      'add (file just edited)': () => {
        edit();
        return add({ upstream_model: `bench-edited-${k++}`, base_url: 'https://api.example.com/v1' }, { workspace: ws });
      },
      list: () => listModels({ workspace: ws }),
      get: () => get(mid, { workspace: ws }),
      add: () => add({ upstream_model: `bench-new-${k++}`, base_url: 'https://api.example.com/v1' }, { workspace: ws }),
    };
    for (const [verb, fn] of Object.entries(verbs)) {
      const samples = [];
      for (let i = 0; i < runs; i++) samples.push(await time(fn));
      rows.push({ entries: n, verb, wall_ms: +median(samples.map((s) => s.wall)).toFixed(1), cpu_ms: +median(samples.map((s) => s.cpu)).toFixed(1) });
    }
    rmSync(ws, { recursive: true, force: true });
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await registryRows();
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
  else {
    console.log('registry verbs, own work (median)   entries  wall ms   cpu ms');
    for (const r of rows) console.log(`  ${r.verb.padEnd(34)} ${String(r.entries).padStart(7)} ${String(r.wall_ms).padStart(8)} ${String(r.cpu_ms).padStart(8)}`);
  }
}
