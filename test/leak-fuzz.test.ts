// The leak fuzz (issue 9's "Done when"): generated keys of every shape in
// grammar/key-shapes.yaml, in every position (paste text in each language,
// arguments, flag values, file names, .env, the environment, catalog and probe
// responses from a loopback server, fragments, a key split across strings,
// spaces and NBSP), through every command and library function, success and
// error paths: no 8-character stretch of any key may appear in any output.
// Most cases run in-process (library functions, the CLI's main with stdout
// captured); a sample runs the real CLI as a subprocess. Keys come from
// generateKey with a fixed seed; a failure names the shape and the position,
// never the key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { rmSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';
import * as lib from '../src/index.js';
import { SHAPES, excerpt, rememberSecret } from '../src/secrets/index.js';
import { generateKey, leaks } from './helpers/keys.js';
import { captureCli, seeded, tempWorkspaces } from './helpers/run.js';

const random = seeded(20261203);
const SHAPE_IDS = SHAPES.map((s) => s.id);
const key = (shape: string) => generateKey(shape, random);

let cases = 0;
const failures: string[] = [];
function check(out: unknown, keys: string[], what: string): void {
  cases++;
  const text = typeof out === 'string' ? out : JSON.stringify(out);
  const l = leaks(text ?? '', keys);
  if (l.length && failures.length < 40) failures.push(`${what}: ${l[0]}`);
}

/** A key cut in two, for pastes that split it across strings, spaces or NBSP. */
const halves = (k: string): [string, string] => {
  const cut = 10 + Math.floor(random() * Math.max(1, k.length - 20));
  return [k.slice(0, cut), k.slice(cut)];
};

type Paste = { lang: string; name: string; text: (k: string) => string };
const JSON_BODY = `{"model": "llama-3.3-70b-versatile", "messages": [{"role": "user", "content": "hi"}]}`;
const PASTES: Paste[] = [
  // curl
  { lang: 'sh', name: 'Authorization Bearer', text: (k) => `curl https://api.groq.com/openai/v1/chat/completions -H "Authorization: Bearer ${k}" -H "Content-Type: application/json" -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'x-api-key', text: (k) => `curl https://api.anthropic.com/v1/messages -H "x-api-key: ${k}" -H "anthropic-version: 2023-06-01" -d '{"model":"claude-sonnet-4-6","max_tokens":64,"messages":[]}'` },
  { lang: 'sh', name: '?key=', text: (k) => `curl "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent?key=${k}" -d '{"contents":[]}'` },
  { lang: 'sh', name: '-u', text: (k) => `curl -u "${k}:" https://api.example-llm.com/v1/chat/completions -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'body api_key', text: (k) => `curl https://api.example-llm.com/v1/chat/completions -d '{"model":"m1","api_key":"${k}","messages":[]}'` },
  { lang: 'sh', name: 'comment', text: (k) => `# my key: ${k}\ncurl https://api.deepseek.com/chat/completions -H "Authorization: Bearer $DEEPSEEK_API_KEY" -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'glued id_', text: (k) => `curl https://api.example-llm.com/v1/chat/completions -H "X-Trace: id_${k}" -H "Authorization: Bearer $KEY" -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'URL path /bot', text: (k) => `curl https://api.example-llm.com/bot${k}/v1/chat/completions -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'cookie -b', text: (k) => `curl -b "session=${k}" https://api.example-llm.com/v1/chat/completions -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'fragment', text: (k) => `curl "https://api.example-llm.com/v1/chat/completions#access_token=${k}" -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'userinfo', text: (k) => `curl "https://user:${k}@api.example-llm.com/v1/chat/completions" -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'split by space', text: (k) => `curl https://api.example-llm.com/v1/chat/completions -H "Authorization: Bearer ${halves(k).join(' ')}" -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'split by NBSP', text: (k) => `curl https://api.example-llm.com/v1/chat/completions -H "Authorization: Bearer ${halves(k).join('\u00a0')}" -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'export', text: (k) => `export GROQ_API_KEY=${k}\ncurl https://api.groq.com/openai/v1/chat/completions -H "Authorization: Bearer $GROQ_API_KEY" -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'prose', text: (k) => `Here is my key ${k} and the call:\n\`\`\`bash\ncurl https://api.x.ai/v1/chat/completions -H "Authorization: Bearer $XAI_API_KEY" -d '{"model":"grok-4","messages":[]}'\n\`\`\`` },
  { lang: 'sh', name: 'as model', text: (k) => `curl https://api.example-llm.com/v1/chat/completions -H "Authorization: Bearer $KEY" -d '{"model":"${k}","messages":[]}'` },
  { lang: 'sh', name: 'other query', text: (k) => `curl "https://api.example-llm.com/v1/chat/completions?trace=${k}" -H "Authorization: Bearer $KEY" -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'glued key-', text: (k) => `curl https://api.example-llm.com/v1/chat/completions -H "X-Note: key-${k}" -H "Authorization: Bearer $KEY" -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'subscription-key', text: (k) => `curl "https://my.azure-api.net/openai/v1/chat/completions?subscription-key=${k}" -d '${JSON_BODY}'` },
  { lang: 'sh', name: 'in content', text: (k) => `curl https://api.example-llm.com/v1/chat/completions -H "Authorization: Bearer $KEY" -d '{"model":"m1","messages":[{"role":"user","content":"my key is ${k}"}]}'` },
  { lang: 'sh', name: 'error: embeddings', text: (k) => `curl https://api.example-llm.com/v1/embeddings -H "Authorization: Bearer ${k}" -d '{"model":"e1","input":"x"}'` },
  { lang: 'sh', name: 'error: models list', text: (k) => `curl https://api.example-llm.com/v1/models -H "Authorization: Bearer ${k}"` },
  { lang: 'sh', name: 'error: no URL', text: (k) => `curl -H "Authorization: Bearer ${k}"` },
  { lang: 'sh', name: 'error: placeholder host', text: (k) => `curl https://<resource>.openai.azure.com/v1/chat/completions -H "api-key: ${k}" -d '${JSON_BODY}'` },
  // Python
  { lang: 'py', name: 'OpenAI(api_key=)', text: (k) => `from openai import OpenAI\nclient = OpenAI(api_key="${k}", base_url="https://api.deepseek.com")\nclient.chat.completions.create(model="deepseek-chat", messages=[])` },
  { lang: 'py', name: 'os.environ =', text: (k) => `import os\nfrom openai import OpenAI\nos.environ["OPENAI_API_KEY"] = "${k}"\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[])` },
  { lang: 'py', name: 'implicit concatenation', text: (k) => `from openai import OpenAI\nclient = OpenAI(api_key="${halves(k).join('" "')}", base_url="https://api.x.ai/v1")\nclient.chat.completions.create(model="grok-4", messages=[])` },
  { lang: 'py', name: 'requests headers', text: (k) => `import requests\nrequests.post("https://api.example-llm.com/v1/chat/completions", headers={"Authorization": f"Bearer ${k}"}, json={"model": "m1", "messages": []})` },
  { lang: 'py', name: 'comment', text: (k) => `# ${k}\nfrom anthropic import Anthropic\nclient = Anthropic()\nclient.messages.create(model="claude-sonnet-4-6", max_tokens=64, messages=[])` },
  { lang: 'py', name: 'error: no call', text: (k) => `api_key = "${k}"\nprint(api_key)` },
  // JavaScript / TypeScript
  { lang: 'js', name: 'new OpenAI({apiKey})', text: (k) => `import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: "${k}", baseURL: "https://api.x.ai/v1" });\nawait client.chat.completions.create({ model: "grok-4", messages: [] });` },
  { lang: 'js', name: 'fetch headers', text: (k) => `await fetch("https://api.example-llm.com/v1/chat/completions", { method: "POST", headers: { Authorization: "Bearer ${k}" }, body: JSON.stringify({ model: "m1", messages: [] }) });` },
  { lang: 'js', name: '+ concatenation', text: (k) => `const key = "${halves(k).join('" + "')}";\nawait fetch("https://api.example-llm.com/v1/chat/completions", { method: "POST", headers: { Authorization: "Bearer " + key }, body: JSON.stringify({ model: "m1", messages: [] }) });` },
  { lang: 'ts', name: 'comment', text: (k) => `// key ${k}\nimport OpenAI from "openai";\nconst client: OpenAI = new OpenAI();\nawait client.chat.completions.create({ model: "gpt-4o", messages: [] });` },
  { lang: 'js', name: 'error: no call', text: (k) => `const apiKey = "${k}";\nconsole.log(apiKey);` },
];

const { root, workspace } = tempWorkspaces('byok-leak-');

/** The CLI's main, in-process, with stdout captured. */
const cli = (argv: string[]) => captureCli(argv);

// A loopback vendor: answers from `respond`, which sees the key the request carried.
let server: Server;
let base = '';
let respond: (auth: string) => { status: number; body: string } = () => ({ status: 200, body: '{"data":[]}' });
beforeAll(async () => {
  server = createServer((req, res) => {
    const auth = String(req.headers.authorization ?? req.headers['x-api-key'] ?? '').replace(/^Bearer\s+/i, '');
    const r = respond(auth);
    res.writeHead(r.status, { 'content-type': 'application/json' });
    res.end(r.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});
afterAll(() => {
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('leak fuzz: every key shape in every position through every function', () => {
  it('pastes in each language through parseExample, inspect and their byte variants', async () => {
    for (let round = 0; round < 1; round++)
      for (const shape of SHAPE_IDS)
        for (const [i, p] of PASTES.entries()) {
          const filename = `x.${p.lang}`;
          // parseExample or inspect, alternating over shapes: each paste meets both, each shape both.
          const k1 = key(shape);
          if ((i + SHAPE_IDS.indexOf(shape)) % 2 === 0) check(await lib.parseExample(p.text(k1), { filename }), [k1], `parseExample ${shape} ${p.lang} ${p.name}`);
          else check(await lib.inspect(p.text(k1), { filename }), [k1], `inspect ${shape} ${p.lang} ${p.name}`);
          if (round === 0 && i % 3 === 0) {
            const k3 = key(shape);
            check(await lib.parseExampleBytes(Buffer.from(p.text(k3)), { filename }), [k3], `parseExampleBytes ${shape} ${p.name}`);
            const k4 = key(shape);
            check(await lib.inspectBytes(Buffer.from(p.text(k4)), { filename }), [k4], `inspectBytes ${shape} ${p.name}`);
          }
        }
    expect(failures).toEqual([]);
  }, 240_000);

  it('registry functions: keys as arguments, fields, flag-like values, in .env and in the environment', async () => {
    const empty = workspace();
    for (let round = 0; round < 1; round++)
      for (const shape of SHAPE_IDS) {
        const k = () => key(shape);
        const runs: [string, (x: string) => Promise<unknown>][] = [
          ['add upstream_model', (x) => lib.add({ upstream_model: x, base_url: 'https://api.example-llm.com/v1' }, { workspace: empty })],
          ['add name', (x) => lib.add({ upstream_model: 'm1', name: x, base_url: 'https://api.example-llm.com/v1' }, { workspace: empty })],
          ['add base_url path', (x) => lib.add({ upstream_model: 'm1', base_url: `https://api.example-llm.com/bot${x}/v1` }, { workspace: empty })],
          ['add header X-Session', (x) => lib.add({ upstream_model: 'm1', base_url: 'https://api.example-llm.com/v1', headers: { 'X-Session': x } }, { workspace: empty })],
          ['add request_params api_key', (x) => lib.add({ upstream_model: 'm1', base_url: 'https://api.example-llm.com/v1', request_params: { api_key: x } }, { workspace: empty })],
          ['add query', (x) => lib.add({ upstream_model: 'm1', base_url: 'https://api.example-llm.com/v1', query: { 'subscription-key': x } }, { workspace: empty })],
          ['add failed draft', (x) => lib.add({ ok: false, error: `bad ${x}`, code: 'parse_error' }, { workspace: empty })],
          ['add api_key_env', (x) => lib.add({ upstream_model: 'm1', base_url: 'https://api.example-llm.com/v1', api_key_env: x }, { workspace: empty })],
          ['get', (x) => lib.get(x, { workspace: empty })],
          ['get fragment', (x) => lib.get(x.slice(0, 24), { workspace: empty })],
          ['remove', (x) => lib.remove(x, { workspace: empty })],
          ['addTemplate vendor', (x) => lib.addTemplate(x, {}, { workspace: empty })],
          ['addTemplate model', (x) => lib.addTemplate('deepseek', { upstream_model: x }, { workspace: empty })],
          ['addTemplate name', (x) => lib.addTemplate('deepseek', { name: x }, { workspace: empty })],
          ['listVendorModels vendor', (x) => lib.listVendorModels(x, { workspace: empty })],
          ['probe id', (x) => lib.probe(x, { workspace: empty })],
        ];
        for (const [name, run] of runs) {
          const x = k();
          check(await run(x), [x], `${name} ${shape}`);
        }
        // .env and the environment hold the key; every verb that reads them.
        const kd = k();
        const ws = workspace({ CUSTOM_KEY_API_DEEPSEEK_COM: kd, DEEPSEEK_API_KEY: kd });
        check(await lib.templates({ workspace: ws }), [kd], `templates .env ${shape}`);
        check(await lib.addTemplate('deepseek', {}, { workspace: ws }), [kd], `addTemplate .env ${shape}`);
        check(await lib.listModels({ workspace: ws }), [kd], `list .env ${shape}`);
        const ke = k();
        process.env.BYOK_FUZZ_API_KEY = ke;
        try {
          check(await lib.templates({ workspace: empty }), [ke], `templates env ${shape}`);
          check(await lib.add({ upstream_model: 'm1', base_url: 'https://api.example-llm.com/v1', api_key_env: 'BYOK_FUZZ_API_KEY' }, { workspace: workspace() }), [ke], `add env ${shape}`);
        } finally {
          delete process.env.BYOK_FUZZ_API_KEY;
        }
      }
    expect(failures).toEqual([]);
  }, 240_000);

  it('catalog and probe answers from a loopback server: echoed keys, fragments, keys listed as models', async () => {
    const bodies: [string, (k: string, other: string) => { status: number; body: string }][] = [
      ['401 whole key', (k) => ({ status: 401, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${k}` } }) })],
      ['401 head and tail', (k) => ({ status: 401, body: JSON.stringify({ error: `Invalid key ${k.slice(0, 24)}...${k.slice(-8)}` }) })],
      ['403 middle fragment', (k) => ({ status: 403, body: JSON.stringify({ message: `key ...${k.slice(9, 30)}... is disabled` }) })],
      ['500 text', (k) => ({ status: 500, body: `upstream failed for ${k}` })],
      ['200 key as model id', (k, other) => ({ status: 200, body: JSON.stringify({ data: [{ id: 'm1' }, { id: k }, { id: other }] }) })],
      ['200 split key', (k) => ({ status: 200, body: JSON.stringify({ data: [{ id: `${k.slice(0, 20)} ${k.slice(20)}` }] }) })],
    ];
    for (const shape of SHAPE_IDS)
      for (const [name, make] of bodies) {
        const k = key(shape);
        const other = key(shape);
        respond = () => make(k, other);
        const ws = workspace({ CUSTOM_KEY_API_DEEPSEEK_COM: k });
        check(await lib.listVendorModels('deepseek', { workspace: ws, catalogUrl: `${base}/models` }), [k, other], `listVendorModels ${name} ${shape}`);
        // The probe (a registry write and a call) on a rotating half of the answers.
        if ((SHAPE_IDS.indexOf(shape) + bodies.findIndex((b) => b[0] === name)) % 2) continue;
        const kp = key(shape);
        const otherP = key(shape);
        respond = () => make(kp, otherP);
        const wsp = workspace({ CUSTOM_KEY_127_0_0_1: kp });
        const added = (await lib.add({ upstream_model: 'm1', base_url: `${base}/v1`, api_key_env: 'CUSTOM_KEY_127_0_0_1' }, { workspace: wsp })) as { model_id?: string };
        check(added, [kp, otherP], `add for probe ${name} ${shape}`);
        if (added.model_id) check(await lib.probe(added.model_id, { workspace: wsp, timeoutMs: 5000 }), [kp, otherP], `probe ${name} ${shape}`);
      }
    expect(failures).toEqual([]);
  }, 240_000);

  it('vendor texts cut to an excerpt never keep a fragment of a remembered key', () => {
    for (let i = 0; i < 7300; i++) {
      const k = key(SHAPE_IDS[i % SHAPE_IDS.length]);
      rememberSecret(k);
      const a = Math.floor(random() * (k.length - 8));
      const b = a + 8 + Math.floor(random() * (k.length - a - 8));
      check(excerpt(`error ${'x'.repeat(i % 150)} ${k.slice(a, b + 1)} end`, 160), [k], `excerpt fragment ${i}`);
    }
    expect(failures).toEqual([]);
  });

  it('the CLI (in-process main): keys as arguments, flag values, file names and pastes, success and error paths', async () => {
    const ws = workspace();
    const file = join(root, 'sample.sh');
    for (let round = 0; round < 2; round++)
      for (const shape of SHAPE_IDS) {
        const argvs: [string, (k: string) => string[]][] = [
          ['bare key as verb', (k) => [k]],
          ['inspect KEY', (k) => ['inspect', k]],
          ['parse-example PASTE', (k) => ['parse-example', PASTES[0].text(k)]],
          ['inspect PASTE', (k) => ['inspect', PASTES[11].text(k)]],
          ['parse-example --text', (k) => ['parse-example', '--text', PASTES[round % PASTES.length].text(k)]],
          ['--text=', (k) => ['inspect', `--text=${PASTES[10].text(k)}`]],
          ['file name', (k) => ['inspect', `${k}.sh`]],
          ['add --from-draft KEY', (k) => ['add', '--from-draft', k]],
          ['add --upstream-model', (k) => ['add', '--upstream-model', k, '--base-url', 'https://api.example-llm.com/v1']],
          ['add --name', (k) => ['add', '--upstream-model', 'm1', '--name', k, '--base-url', 'https://api.example-llm.com/v1']],
          ['add --request-params', (k) => ['add', '--upstream-model', 'm1', '--base-url', 'https://api.example-llm.com/v1', '--request-params', JSON.stringify({ api_key: k })]],
          ['add --headers', (k) => ['add', '--upstream-model', 'm1', '--base-url', 'https://api.example-llm.com/v1', '--headers', JSON.stringify({ 'X-Session': k })]],
          ['add --header', (k) => ['add', '--upstream-model', 'm1', '--base-url', 'https://api.example-llm.com/v1', '--header', `Authorization: Bearer ${k}`]],
          ['add --query', (k) => ['add', '--upstream-model', 'm1', '--base-url', 'https://api.example-llm.com/v1', '--query', JSON.stringify({ key: k })]],
          ['add --api-key-env', (k) => ['add', '--upstream-model', 'm1', '--base-url', 'https://api.example-llm.com/v1', '--api-key-env', k]],
          ['add-template VENDOR', (k) => ['add-template', k]],
          ['add-template --upstream-model', (k) => ['add-template', 'deepseek', '--upstream-model', k]],
          ['get KEY', (k) => ['get', k]],
          ['get fragment', (k) => ['get', k.slice(0, 30)]],
          ['remove KEY', (k) => ['remove', k]],
          ['list-vendor-models KEY', (k) => ['list-vendor-models', k]],
          ['unknown flag', (k) => ['list', `--${k}`]],
          ['flag value of unknown flag', (k) => ['list', '--token', k]],
          ['help KEY', (k) => ['help', k]],
        ];
        for (const [name, argv] of argvs) {
          const k = key(shape);
          check(await cli([...argv(k), '--workspace', ws]), [k], `cli ${name} ${shape}`);
        }
        const kf = key(shape);
        writeFileSync(file, PASTES[(round * 7) % PASTES.length].text(kf));
        check(await cli(['parse-example', file, '--workspace', ws]), [kf], `cli file ${shape}`);
      }
    expect(failures).toEqual([]);
  }, 240_000);

  const bin = resolve(__dirname, '..', 'bin', 'byok.js');
  it.skipIf(!existsSync(resolve(__dirname, '..', 'dist', 'cli.js')))('the real CLI as a subprocess (a sample)', () => {
    const ws = workspace();
    const pick = ['groq', 'azure-hex32', 'generic-sk'].filter((s) => SHAPE_IDS.includes(s));
    for (const [i, shape] of pick.entries()) {
      const k = key(shape);
      const all = [[k], ['inspect', PASTES[0].text(k)], ['add', '--upstream-model', k, '--base-url', 'https://api.example-llm.com/v1'], ['get', k.slice(0, 30)]];
      for (const argv of [all[i % 4], all[(i + 2) % 4]]) {
        const r = spawnSync(process.execPath, [bin, ...argv, '--workspace', ws], { encoding: 'utf8', env: { ...process.env, BYOK_FUZZ_API_KEY: k } });
        check(r.stdout + r.stderr, [k], `subprocess ${argv[0] === k ? 'key' : argv[0]} ${shape}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('ran at least 10,000 cases with no leak', () => {
    expect(failures).toEqual([]);
    if (process.env.LEAK_COUNT) console.log(`leak fuzz: ${cases} cases`);
    expect(cases).toBeGreaterThanOrEqual(10_000);
  });
});
