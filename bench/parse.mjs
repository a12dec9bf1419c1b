// Benchmarks (never run by the tests): parse time per example and the CLI's
// start-up, since agents call `byok` once per step.
// Usage: npm run build && node bench/parse.mjs [iterations]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { parseExample } = await import(join(root, 'dist/api.js'));
const { expandKeyMarkers } = await import(join(root, 'dist/secrets/index.js'));
const iterations = Number(process.argv[2] ?? 200);

const inputs = { shell: [], python: [], js: [] };
for (const v of readdirSync(join(root, 'fixtures'))) {
  const d = join(root, 'fixtures', v);
  if (!statSync(d).isDirectory()) continue;
  for (const f of readdirSync(d)) {
    if (/\.(sh|cmd|ps1)$/.test(f)) inputs.shell.push([f, expandKeyMarkers(readFileSync(join(d, f), 'utf8')).text]);
    if (/\.py$/.test(f)) inputs.python.push([f, expandKeyMarkers(readFileSync(join(d, f), 'utf8')).text]);
    if (/\.(js|ts)$/.test(f)) inputs.js.push([f, expandKeyMarkers(readFileSync(join(d, f), 'utf8')).text]);
  }
}

const pct = (xs, p) => xs.sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
for (const [lang, list] of Object.entries(inputs)) {
  for (const [f, t] of list) await parseExample(t, { filename: f }); // warm up, load front-ends
  const times = [];
  for (let i = 0; i < iterations; i++)
    for (const [f, t] of list) {
      const t0 = performance.now();
      await parseExample(t, { filename: f });
      times.push(performance.now() - t0);
    }
  console.log(`${lang.padEnd(7)} ${list.length} examples x ${iterations}: median ${pct(times, 0.5).toFixed(3)} ms, p95 ${pct(times, 0.95).toFixed(3)} ms, max ${Math.max(...times).toFixed(3)} ms`);
}

const big = 'curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer $OPENAI_API_KEY" -d \'{"model":"gpt-5","messages":[' +
  Array.from({ length: 2000 }, (_, i) => `{"role":"user","content":"message ${i} ${'x'.repeat(50)}"}`).join(',') + ']}\'';
let t0 = performance.now();
await parseExample(big);
console.log(`large   one ${Math.round(big.length / 1024)} KiB curl paste: ${(performance.now() - t0).toFixed(1)} ms`);

for (const [label, file] of [['curl', 'fixtures/deepseek/chat-thinking-export.sh'], ['python', 'fixtures/openai/py-chat-no-args.py'], ['js', 'fixtures/openai/js-responses-default-client.ts']]) {
  const runs = [];
  for (let i = 0; i < 10; i++) {
    t0 = performance.now();
    spawnSync(process.execPath, [join(root, 'bin/byok.js'), 'parse-example', join(root, file)]);
    runs.push(performance.now() - t0);
  }
  console.log(`cli     byok parse-example (${label}) wall time, 10 runs: median ${pct(runs, 0.5).toFixed(0)} ms`);
}
t0 = performance.now();
for (let i = 0; i < 10; i++) spawnSync(process.execPath, ['-e', '0']);
console.log(`cli     bare node start-up for comparison: ${((performance.now() - t0) / 10).toFixed(0)} ms`);
