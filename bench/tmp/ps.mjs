// per-sample bench replica with CPU profile of the measured phase
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
const root = process.argv[2]; const mode = process.argv[3] || 'pub';
const { parseExample } = await import(join(root, mode === 'pub' ? 'dist/index.js' : 'dist/api.js'));
const { expandKeyMarkers } = await import(join(root, 'test/helpers/key-gen.mjs'));
const cc = await import(join(root, 'node_modules/curlconverter/dist/src/index.js'));
const walk = (d) => readdirSync(d).flatMap((f) => { const p = join(d, f); return statSync(p).isDirectory() ? walk(p) : /\.sh$/.test(f) ? [p] : []; });
const samples = [];
for (const f of walk('/work/shared/corpus/vendor-docs').sort()) { const text = expandKeyMarkers(readFileSync(f, 'utf8').replace(/\r\n/g, '\n')).text; try { cc.toJsonObject(text); } catch { continue; } samples.push({ f, text }); }
for (let p = 0; p < 5; p++) for (const { f, text } of samples) { cc.toJsonObject(text); await parseExample(text, { filename: f }); }
const s = new Session(); s.connect();
if (process.env.PROF) { await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 10 }); await s.post('Profiler.start'); }
const med = (xs) => { const a = [...xs].sort((x, y) => x - y); return a[a.length >> 1]; };
const per = []; const perc = [];
for (const { f, text } of samples) {
  { cc.toJsonObject(text); const t = []; for (let i = 0; i < 11; i++) { const c0 = process.cpuUsage(); cc.toJsonObject(text); const c = process.cpuUsage(c0); t.push((c.user + c.system) / 1000); } perc.push(med(t)); }
  await parseExample(text, { filename: f });
  const t = [];
  for (let i = 0; i < 11; i++) { const c0 = process.cpuUsage(); await parseExample(text, { filename: f }); const c = process.cpuUsage(c0); t.push((c.user + c.system) / 1000); }
  per.push(med(t));
}
if (process.env.PROF) { const { profile } = await s.post('Profiler.stop'); writeFileSync(process.env.PROF, JSON.stringify(profile)); }
console.log(mode, samples.length, 'median per-sample ms', med(per).toFixed(4), 'cc', med(perc).toFixed(4), 'ratio', (med(per) / med(perc)).toFixed(3));
