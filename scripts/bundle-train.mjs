// Makes the V8 code caches of the CLI's bundle layers (dist/bundle/NAME.cache,
// read by dist/bundle/loader.cjs): runs the verbs a user runs most, in one
// process, on bundled fixtures and in a throwaway workspace, then saves the
// bytecode each layer compiled. Run by scripts/bundle.mjs in a child process
// with stdout discarded, with no V8 flags (a cache only serves a node started
// with the same flags and version; any other gets none and compiles as usual).
// No network: no verb here reaches a vendor.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const loader = require(join(root, 'dist/bundle/loader.cjs'));
const ws = mkdtempSync(join(tmpdir(), 'byok-train-'));
process.env.BYOK_WORKSPACE = ws;
process.env.BYOK_CACHE_DIR = join(ws, '.cache');
const fx = (p) => join(root, 'fixtures', p);
const runs = [
  ['--help'],
  // One or two of each kind: curl, Python SDK, JS/TS SDK, fetch.
  ['parse-example', fx('deepseek/chat-thinking-export.sh')],
  ['parse-example', fx('anthropic/messages-adaptive-thinking.sh')],
  ['parse-example', fx('openai/py-chat-no-args.py')],
  ['parse-example', fx('anthropic/py-extended-thinking.py')],
  ['parse-example', fx('openai/js-responses-default-client.ts')],
  ['parse-example', fx('openai/js-fetch-literal-key.js')],
  ['inspect', fx('deepseek/chat-thinking-export.sh')],
  ['templates'],
  ['add', '--upstream-model', 'train-model', '--base-url', 'https://api.example.com/v1'],
  ['list'],
  ['get', 'api-example-com-train-model'],
];
try {
  const { main } = loader.load('cli.cjs');
  for (const argv of runs) await main(argv);
  for (const { file, data } of loader.caches()) writeFileSync(file.replace(/\.cjs$/, '.cache'), data);
} finally {
  rmSync(ws, { recursive: true, force: true });
}
