import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
const root = process.argv[2];
const { parseExample } = await import(join(root, 'dist/index.js'));
const { generateKey } = await import(join(root, 'test/helpers/key-gen.mjs'));
const { SHAPES } = await import(join(root, 'bench/shapes.mjs')).catch(() => ({}));
const URL = 'https://api.openai.com/v1/chat/completions';
const gen = (n) => { let s = 'curl ' + URL + ' -d \''; while (s.length < n - 200) s += generateKey('openai') + ' '; return s + "'"; };
const text = gen(256 * 1024);
const s = new Session(); s.connect();
if (process.env.PROF) { await s.post('Profiler.enable'); await s.post('Profiler.setSamplingInterval', { interval: 100 }); await s.post('Profiler.start'); }
const c0 = process.cpuUsage(); const t0 = performance.now();
const r = await parseExample(text, { filename: 'x.sh' });
const c = process.cpuUsage(c0);
console.log('cpu ms', ((c.user + c.system) / 1000).toFixed(1), 'wall', (performance.now() - t0).toFixed(1), r.ok, r.code, r.warnings?.length);
if (process.env.PROF) { const { profile } = await s.post('Profiler.stop'); writeFileSync(process.env.PROF, JSON.stringify(profile)); }
