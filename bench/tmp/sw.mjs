import { join } from 'node:path';
const root = process.argv[2];
const { SecretWindows } = await import(join(root, 'dist/secrets/scrub.js'));
const { generateKey } = await import(join(root, 'test/helpers/key-gen.mjs'));
const keys = []; let n = 0; while (n < 256 * 1024) { const k = generateKey('openai'); keys.push(k); n += k.length + 1; }
console.log('keys', keys.length, 'len', keys[0].length);
for (let r = 0; r < 3; r++) {
  const t0 = performance.now(); const w = new SecretWindows(); for (const k of keys) w.add(k); const t1 = performance.now();
  let hit = 0; for (const k of keys) if (w.scrubString(k) !== k) hit++; const t2 = performance.now();
  console.log('add', (t1 - t0).toFixed(1), 'scrub', (t2 - t1).toFixed(1), hit, w.size ?? w.windows?.size);
}
