// The leak fuzz, second part (issue 9's "Done when"; the first part is
// test/leak-fuzz.test.ts): generated keys of every shape in
// grammar/key-shapes.yaml, plus prefix-less 32-character keys (Azure/Mistral
// style, test-side generator) at credential positions, in the positions the
// first part does not reach: pastes glued to hex letters, in URL userinfo
// user names and fragments, ?auth= ?code= ?sig=, header names, cookies, JSON
// field names and deep fields, keys split across variables, f-strings,
// template literals and array joins, syntax errors, PowerShell, prose after
// the code; every verb's arguments and flag values (schema, help, update,
// rename, probe, list-vendor-models --base-url, bad JSON, auth names, file and
// workspace names; key heads, as vendors and logs cut them); hand-edited registries; the MCP tools (in-process); and
// loopback catalog and probe answers that echo the first 24 characters,
// the first and last 4, an HTML page, a parameter error, a redirect, a chat
// reply, a key listed as a model id or in catalog fields. Every output (stdout,
// stderr, results, the registry file byok writes) must hold no 8-character
// stretch of any key. Keys come from a fixed seed; a failure names the shape
// and the position, never the key.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import * as lib from '../src/index.js';
import { createServer as createMcp } from '../src/mcp/server.js';
import { generateKey, leaks } from './helpers/keys.js';
import { captureCli, seeded, tempWorkspaces } from './helpers/run.js';
import { SHAPES } from '../src/secrets/index.js';

const random = seeded(903);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** `bare32`: a prefix-less key of no table shape (Mistral/Azure style), a secret only at credential positions. */
const key = (shape: string) => (shape === 'bare32' ? Array.from({ length: 32 }, () => ALNUM[Math.floor(random() * 62)]).join('') : generateKey(shape, random));
const halves = (k: string): [string, string] => {
  const cut = 10 + Math.floor(random() * Math.max(1, k.length - 20));
  return [k.slice(0, cut), k.slice(cut)];
};

let cases = 0;
const failures: string[] = [];
function check(out: unknown, keys: string[], what: string): void {
  cases++;
  const text = typeof out === 'string' ? out : JSON.stringify(out);
  const l = leaks(text ?? '', keys);
  if (l.length && failures.length < 40) failures.push(`${what}: ${l[0]}`);
  if (l.length && process.env.LEAK_DEBUG) {
    const w = /window (\d+)/.exec(l[0])![1];
    const k = keys.find((x) => text.includes(x.slice(+w, +w + 8)))!;
    const at = text.indexOf(k.slice(+w, +w + 8));
    console.log('LEAK', what, '::', text.slice(Math.max(0, at - 200), at + 60));
  }
}

const { root, workspace } = tempWorkspaces('byok-leak2-');
/** What byok wrote in a workspace (the registry and its cache), never the .env the test wrote. */
const written = (dir: string) => {
  const f = join(dir, 'config', 'custom_models.yaml');
  return existsSync(f) ? readFileSync(f, 'utf8') : '';
};

/** The CLI's main, in-process, stdout and stderr captured. */
const cli = (argv: string[]) => captureCli(argv, { stderr: true });

const U = 'https://api.example-llm.com/v1/chat/completions';
const J = `{"model":"m1","messages":[{"role":"user","content":"hi"}]}`;
type Paste = { file: string; name: string; text: (k: string) => string; credential?: boolean };
const PASTES: Paste[] = [
  { file: 'x.sh', name: 'glued to hex letters', text: (k) => `curl ${U} -H "Authorization: Bearer $K" -H "X-Note: abc${k}" -d '${J}'` },
  { file: 'x.sh', name: 'glued in path', text: (k) => `curl https://api.example-llm.com/key${k}/v1/chat/completions -d '${J}'` },
  { file: 'x.sh', name: 'userinfo user', text: (k) => `curl "https://${k}@api.example-llm.com/v1/chat/completions" -d '${J}'`, credential: true },
  { file: 'x.sh', name: 'userinfo password', text: (k) => `curl "https://user:${k}@api.example-llm.com/v1/chat/completions" -d '${J}'`, credential: true },
  { file: 'x.sh', name: 'bare fragment', text: (k) => `curl "${U}#${k}" -H "Authorization: Bearer $K" -d '${J}'` },
  { file: 'x.sh', name: 'fragment token=', text: (k) => `curl "${U}#token=${k}" -H "Authorization: Bearer $K" -d '${J}'`, credential: true },
  { file: 'x.sh', name: '?auth=', text: (k) => `curl "${U}?auth=${k}" -d '${J}'`, credential: true },
  { file: 'x.sh', name: '?code=', text: (k) => `curl "https://fn.azurewebsites.net/api/v1/chat/completions?code=${k}" -d '${J}'`, credential: true },
  { file: 'x.sh', name: '?sig=', text: (k) => `curl "${U}?sv=2022-11-02&sig=${k}" -H "Authorization: Bearer $K" -d '${J}'`, credential: true },
  { file: 'x.sh', name: 'query name', text: (k) => `curl "${U}?${k}=1" -H "Authorization: Bearer $K" -d '${J}'` },
  { file: 'x.sh', name: '--data-urlencode token=', text: (k) => `curl ${U} -H "Authorization: Bearer $K" --data-urlencode "token=${k}" -d '${J}'`, credential: true },
  { file: 'x.sh', name: 'header name', text: (k) => `curl ${U} -H "X-${k}: 1" -H "Authorization: Bearer $K" -d '${J}'` },
  { file: 'x.sh', name: 'Cookie header', text: (k) => `curl ${U} -H "Cookie: a=1; session=${k}" -H "Authorization: Bearer $K" -d '${J}'`, credential: true },
  { file: 'x.sh', name: '-u user:password', text: (k) => `curl -u "me:${k}" ${U} -d '${J}'`, credential: true },
  { file: 'x.sh', name: 'JSON deep', text: (k) => `curl ${U} -H "Authorization: Bearer $K" -d '{"model":"m1","a":{"b":[{"c":"${k}"}]},"messages":[]}'` },
  { file: 'x.sh', name: 'JSON field name', text: (k) => `curl ${U} -H "Authorization: Bearer $K" -d '{"model":"m1","${k}":1,"messages":[]}'` },
  { file: 'x.sh', name: 'JSON credentials', text: (k) => `curl ${U} -H "Authorization: Bearer $K" -d '{"model":"m1","credentials":"${k}","messages":[]}'`, credential: true },
  { file: 'x.sh', name: 'JSON password deep', text: (k) => `curl ${U} -H "Authorization: Bearer $K" -d '{"model":"m1","x":{"y":{"password":"${k}"}},"messages":[]}'`, credential: true },
  { file: 'x.sh', name: 'model org/key', text: (k) => `curl ${U} -H "Authorization: Bearer $K" -d '{"model":"org/${k}","messages":[]}'` },
  { file: 'x.sh', name: 'x-api-key split by a space', text: (k) => `curl ${U} -H "x-api-key: ${halves(k).join(' ')}" -d '${J}'`, credential: true },
  { file: 'x.sh', name: 'X-Session', text: (k) => `curl ${U} -H "X-Session: ${k}" -d '${J}'`, credential: true },
  { file: 'x.sh', name: 'split across variables', text: (k) => { const [a, b] = halves(k); return `A="${a}"\nB="${b}"\ncurl ${U} -H "Authorization: Bearer $A$B" -d '${J}'`; }, credential: true },
  { file: 'x.md', name: 'prose after the code', text: (k) => `\`\`\`bash\ncurl ${U} -H "Authorization: Bearer $K" -d '${J}'\n\`\`\`\nmy key: ${k} and its head ${k.slice(0, 24)}` },
  { file: 'x.sh', name: 'not an example', text: (k) => `hello ${k} world` },
  { file: 'x.ps1', name: 'PowerShell', text: (k) => `$headers = @{ "Authorization" = "Bearer ${k}" }\nInvoke-RestMethod -Uri "${U}" -Method Post -Headers $headers -Body '${J}'`, credential: true },
  { file: 'x.py', name: 'concatenation +', text: (k) => { const [a, b] = halves(k); return `from openai import OpenAI\nc = OpenAI(api_key="${a}" + "${b}", base_url="https://api.example-llm.com/v1")\nc.chat.completions.create(model="m1", messages=[])`; }, credential: true },
  { file: 'x.py', name: 'f-string', text: (k) => { const [a, b] = halves(k); return `p1 = "${a}"\nfrom openai import OpenAI\nc = OpenAI(api_key=f"{p1}${b}", base_url="https://api.example-llm.com/v1")\nc.chat.completions.create(model="m1", messages=[])`; }, credential: true },
  { file: 'x.py', name: 'docstring', text: (k) => `"""key ${k}"""\nfrom openai import OpenAI\nc = OpenAI(base_url="https://api.example-llm.com/v1")\nc.chat.completions.create(model="m1", messages=[])` },
  { file: 'x.py', name: 'default_headers X-Session', text: (k) => `from openai import OpenAI\nc = OpenAI(base_url="https://api.example-llm.com/v1", default_headers={"X-Session": "${k}"})\nc.chat.completions.create(model="m1", messages=[])`, credential: true },
  { file: 'x.py', name: 'extra_body accessToken', text: (k) => `from openai import OpenAI\nc = OpenAI(base_url="https://api.example-llm.com/v1")\nc.chat.completions.create(model="m1", messages=[], extra_body={"accessToken": "${k}"})`, credential: true },
  { file: 'x.py', name: 'requests params code', text: (k) => `import requests\nrequests.post("${U}", params={"code": "${k}"}, json={"model": "m1", "messages": []})`, credential: true },
  { file: 'x.py', name: 'requests cookies', text: (k) => `import requests\nrequests.post("${U}", cookies={"session": "${k}"}, headers={"Authorization": "Bearer x"}, json={"model": "m1", "messages": []})`, credential: true },
  { file: 'x.py', name: 'requests auth tuple', text: (k) => `import requests\nrequests.post("${U}", auth=("me", "${k}"), json={"model": "m1", "messages": []})`, credential: true },
  { file: 'x.py', name: 'syntax error', text: (k) => `from openai import OpenAI\nc = OpenAI(api_key="${k}", base_url="https://api.example-llm.com/v1"\nc.chat.completions.create(model="m1", messages=[`, credential: true },
  { file: 'x.js', name: 'template literal', text: (k) => { const [a, b] = halves(k); return `const p = "${a}";\nconst client = new OpenAI({ apiKey: \`\${p}${b}\`, baseURL: "https://api.example-llm.com/v1" });\nawait client.chat.completions.create({ model: "m1", messages: [] });`; }, credential: true },
  { file: 'x.js', name: 'array join', text: (k) => { const [a, b] = halves(k); return `const client = new OpenAI({ apiKey: ["${a}", "${b}"].join(""), baseURL: "https://api.example-llm.com/v1" });\nawait client.chat.completions.create({ model: "m1", messages: [] });`; }, credential: true },
  { file: 'x.js', name: 'block comment', text: (k) => `/* ${k} */\nconst client = new OpenAI({ baseURL: "https://api.example-llm.com/v1" });\nawait client.chat.completions.create({ model: "m1", messages: [] });` },
  { file: 'x.js', name: 'fetch body token', text: (k) => `await fetch("${U}", { method: "POST", headers: { Authorization: "Bearer x" }, body: JSON.stringify({ model: "m1", messages: [], token: "${k}" }) });`, credential: true },
  { file: 'x.ts', name: 'syntax error', text: (k) => `const client: OpenAI = new OpenAI({ apiKey: "${k}", baseURL: "https://api.example-llm.com/v1" ;\nawait client.chat.completions.create({ model: "m1", messages: [] `, credential: true },
];

// A loopback vendor: answers from `respond`, which sees the request.
let server: Server;
let base = '';
let respond: () => { status: number; body: string; headers?: Record<string, string> } = () => ({ status: 200, body: '{"data":[]}' });
let mcp: Client;
beforeAll(async () => {
  server = createServer((_req, res) => {
    const r = respond();
    res.writeHead(r.status, { 'content-type': 'application/json', ...(r.headers ?? {}) });
    res.end(r.body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcp({ workspace: mcpWs, version: '0.0.0' }).connect(serverSide);
  mcp = new Client({ name: 'leak-fuzz', version: '0.0.0' });
  await mcp.connect(clientSide);
});
const mcpWs = workspace();
afterAll(async () => {
  await mcp?.close();
  server?.close();
  rmSync(root, { recursive: true, force: true });
});

const SHAPE_IDS = SHAPES.map((s) => s.id);
const SHAPES_AND_BARE = [...SHAPE_IDS, 'bare32'];
/** `count` shapes for the i-th position, rotating so that every shape meets every kind of position (fewer slow calls than all of them). */
const rotate = (list: string[], i: number, count: number) => Array.from({ length: Math.min(count, list.length) }, (_, j) => list[(i * count + j) % list.length]);

describe('leak fuzz, positions: every key shape where the first part does not put it', () => {
  it('pastes: glued, userinfo, fragments, ?auth= ?code= ?sig=, header and field names, cookies, splits, syntax errors, prose', async () => {
    for (const [i, p] of PASTES.entries())
      for (const [s, shape] of rotate(SHAPES_AND_BARE, i, 12).entries()) {
        if (shape === 'bare32' && !p.credential) continue; // a key of no shape is a secret at credential positions only
        const k = key(shape);
        const text = p.text(k);
        const parse = (i + s) % 2 === 0;
        check(parse ? await lib.parseExample(text, { filename: p.file }) : await lib.inspect(text, { filename: p.file }), [k], `${parse ? 'parseExample' : 'inspect'} ${shape} ${p.file} ${p.name}`);
        // An eighth of them through the CLI: the paste as a file, then `add --from-draft` of its result, then `list`.
        if ((i + s) % 6 === 0) {
          const ws = workspace();
          const f = join(ws, p.file);
          writeFileSync(f, text);
          const draft = await cli(['parse-example', f, '--workspace', ws]);
          check(draft, [k], `cli parse-example file ${shape} ${p.name}`);
          writeFileSync(join(ws, 'draft.json'), draft);
          check((await cli(['add', '--from-draft', join(ws, 'draft.json'), '--workspace', ws])) + written(ws), [k], `cli add --from-draft ${shape} ${p.name}`);
          check(await cli(['list', '--workspace', ws]), [k], `cli list ${shape} ${p.name}`);
        }
      }
    expect(failures).toEqual([]);
  }, 240_000);

  it('every verb: keys and key fragments as arguments, flag values, JSON flags, file and workspace names', async () => {
    const B = ['--upstream-model', 'm1', '--base-url', 'https://api.example-llm.com/v1'];
    const argvs: [string, (k: string) => string[]][] = [
      ['glued verb', (k) => [`add${k}`]],
      ['--help=', (k) => [`--help=${k}`]],
      ['schema', (k) => ['schema', k]],
      ['schema head', (k) => ['schema', k.slice(0, 24)]],
      ['templates extra', (k) => ['templates', k]],
      ['option', (k) => ['probe', `-${k}`]],
      ['probe head', (k) => ['probe', k.slice(0, 26)]],
      ['update --name', (k) => ['update', 'custom/m1-2b26', '--name', k]],
      ['update --name head', (k) => ['update', 'custom/m1-2b26', '--name', k.slice(0, 24)]],
      ['update id', (k) => ['update', k, '--name', 'x']],
      ['rename to', (k) => ['rename', 'custom/m1-2b26', k]],
      ['rename to head', (k) => ['rename', 'custom/m1-2b26', k.slice(0, 28)]],
      ['rename from', (k) => ['rename', k.slice(0, 24), 'x']],
      ['lvm --base-url path', (k) => ['list-vendor-models', '--base-url', `https://api.example-llm.com/bot${k}/v1`]],
      ['lvm --base-url userinfo', (k) => ['list-vendor-models', '--base-url', `https://u:${k}@api.example-llm.com/v1`]],
      ['lvm --model-id', (k) => ['list-vendor-models', '--model-id', k]],
      ['lvm --api-key-env', (k) => ['list-vendor-models', '--base-url', 'https://api.example-llm.com/v1', '--api-key-env', k]],
      ['add base_url ?key=', (k) => ['add', '--upstream-model', 'm1', '--base-url', `https://api.example-llm.com/v1?key=${k}`]],
      ['add base_url userinfo', (k) => ['add', '--upstream-model', 'm1', '--base-url', `https://${k}@api.example-llm.com/v1`]],
      ['add base_url fragment', (k) => ['add', '--upstream-model', 'm1', '--base-url', `https://api.example-llm.com/v1#${k}`]],
      ['add base_url not a URL', (k) => ['add', '--upstream-model', 'm1', '--base-url', `htp:/${k}`]],
      ['add model head', (k) => ['add', '--upstream-model', k.slice(0, 24), '--base-url', 'https://api.example-llm.com/v1']],
      ['add model org/key', (k) => ['add', '--upstream-model', `org/model-${k}`, '--base-url', 'https://api.example-llm.com/v1']],
      ['add model with a space', (k) => ['add', '--upstream-model', `${k} x`, '--base-url', 'https://api.example-llm.com/v1']],
      ['add --name=', (k) => ['add', ...B, `--name=${k}`]],
      ['add --name emoji', (k) => ['add', ...B, '--name', `🙂${k}`]],
      ['add --header name', (k) => ['add', ...B, '--header', `X-${k}: 1`]],
      ['add --header other', (k) => ['add', ...B, '--header', `X-Trace: ${k}`]],
      ['add --header X-Session', (k) => ['add', ...B, '--header', `X-Session: ${k}`]],
      ['add --header bad', (k) => ['add', ...B, '--header', k]],
      ['add --headers bad JSON', (k) => ['add', ...B, '--headers', `{"X-Session": "${k}"`]],
      ['add --query bad JSON', (k) => ['add', ...B, '--query', `{${k}}`]],
      ['add --query sig', (k) => ['add', ...B, '--query', JSON.stringify({ sig: k })]],
      ['add --request-params deep', (k) => ['add', ...B, '--request-params', JSON.stringify({ a: [{ b: k }] })]],
      ['add --request-params key as name', (k) => ['add', ...B, '--request-params', JSON.stringify({ [k]: 1 })]],
      ['add --request-params credentials', (k) => ['add', ...B, '--request-params', JSON.stringify({ x: { credentials: k } })]],
      ['add --thinking-params', (k) => ['add', ...B, '--thinking-params', JSON.stringify({ 'x.y': k })]],
      ['add --auth header:', (k) => ['add', ...B, '--auth', `header:${k}`]],
      ['add --auth query:', (k) => ['add', ...B, '--auth', `query:${k}`]],
      ['add --wire', (k) => ['add', ...B, '--wire', k]],
      ['add --max-tokens', (k) => ['add', ...B, '--max-tokens', k]],
      ['add --api-key', (k) => ['add', ...B, '--api-key', k]],
      ['add --from-draft missing file', (k) => ['add', '--from-draft', join(root, `${k}.json`)]],
      ['add --from-draft JSON text', (k) => ['add', '--from-draft', JSON.stringify({ ok: true, draft: { upstream_model: 'm1', base_url: 'https://api.example-llm.com/v1', headers: { 'X-Session': k } } })]],
      ['add-template --name', (k) => ['add-template', 'deepseek', '--name', k]],
      ['add-template vendor head', (k) => ['add-template', k.slice(0, 20)]],
      ['add-template --api-key-env', (k) => ['add-template', 'deepseek', '--api-key-env', k]],
      ['parse-example --filename', (k) => ['parse-example', '--text', `curl ${U} -d '${J}'`, '--filename', `${k}.sh`]],
      ['inspect --language', (k) => ['inspect', '--text', `curl ${U}`, '--language', k]],
    ];
    const wsOf = new Map<string, string>();
    for (const shape of SHAPE_IDS) {
      const ws = workspace();
      await cli(['add', ...B, '--workspace', ws]); // custom/m1-2b26, for update and rename
      wsOf.set(shape, ws);
    }
    for (const [i, [name, argv]] of argvs.entries())
      for (const shape of rotate(SHAPE_IDS, i, 5)) {
        const k = key(shape);
        const ws = wsOf.get(shape)!;
        check((await cli([...argv(k), '--workspace', ws])) + written(ws), [k], `cli ${name} ${shape}`);
      }
    for (const shape of SHAPE_IDS) {
      const ws = wsOf.get(shape)!;
      // A file and a workspace named by the key.
      const k = key(shape);
      const f = join(ws, `${k}.sh`);
      writeFileSync(f, `curl ${U} -H "Authorization: Bearer $K" -d '${J}'`);
      check(await cli(['parse-example', f, '--workspace', ws]), [k], `cli file named by a key ${shape}`);
      const named = join(ws, k);
      mkdirSync(named);
      check((await cli(['add', ...B, '--workspace', named])) + (await cli(['list', '--workspace', named])), [k], `cli workspace named by a key ${shape}`);
    }
    expect(failures).toEqual([]);
  }, 240_000);

  it('library functions and hand-edited registries', async () => {
    const B = { upstream_model: 'm1', base_url: 'https://api.example-llm.com/v1' };
    const runs: [string, (k: string, ws: string) => Promise<unknown>][] = [
      ['update name', (k, ws) => lib.update('custom/m1-2b26', { name: k }, { workspace: ws })],
      ['update headers', (k, ws) => lib.update('custom/m1-2b26', { headers: { 'X-Session': k } }, { workspace: ws })],
      ['update model', (k, ws) => lib.update('custom/m1-2b26', { upstream_model: k }, { workspace: ws })],
      ['rename', (k, ws) => lib.rename('custom/m1-2b26', k, { workspace: ws })],
      ['rename head', (k, ws) => lib.rename('custom/m1-2b26', k.slice(0, 27), { workspace: ws })],
      ['add nested draft', (k, ws) => lib.add({ ok: true, draft: { ...B, request_params: { a: { token: k } } } }, { workspace: ws })],
      ['add auth name', (k, ws) => lib.add({ ...B, auth: { in: 'header', name: k } }, { workspace: ws })],
      ['add capabilities name', (k, ws) => lib.add({ ...B, capabilities: { [k]: true } }, { workspace: ws })],
      ['add unknown field', (k, ws) => lib.add({ ...B, extra_field: k }, { workspace: ws })],
      ['add header split by a space', (k, ws) => lib.add({ ...B, headers: { 'X-Trace': halves(k).join(' ') } }, { workspace: ws })],
      ['add vendor', (k, ws) => lib.add({ ...B, vendor: k }, { workspace: ws })],
      ['listVendorModels base_url query', (k, ws) => lib.listVendorModels(undefined, { workspace: ws, baseUrl: `https://api.example-llm.com/v1?key=${k}` })],
      ['parseExample filename', (k) => lib.parseExample(`curl ${U} -d '${J}'`, { filename: `${k}.sh` })],
      ['parseExampleBytes UTF-16', (k) => lib.parseExampleBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`curl ${U} -H "Authorization: Bearer ${k}" -d '${J}'`, 'utf16le')]), { filename: 'x.sh' })],
      ['inspectBytes bad UTF-8', (k) => lib.inspectBytes(Buffer.concat([Buffer.from(`curl ${U} -H "Authorization: Bearer ${k}" -d '${J}' `), Buffer.from([0xff, 0xfe])]), { filename: 'x.sh' })],
      ['get from a missing workspace', (k) => lib.get('x', { workspace: join(root, 'missing', k) })],
    ];
    const yamls: [string, (k: string) => string][] = [
      ['name', (k) => `version: 1\nmodels:\n  - id: custom/m1-2b26\n    name: ${k}\n    upstream_model: m1\n    base_url: https://api.example-llm.com/v1\n    wire: openai\n    api_key_env: K\n    auth: {in: header, name: Authorization, scheme: Bearer}\n`],
      ['header name', (k) => `version: 1\nmodels:\n  - id: custom/m1-2b26\n    name: m1\n    upstream_model: m1\n    base_url: https://api.example-llm.com/v1\n    wire: openai\n    api_key_env: K\n    auth: {in: header, name: Authorization, scheme: Bearer}\n    headers: {X-${k}: "1"}\n`],
      ['alias', (k) => `version: 1\nx: &${k.replace(/[^A-Za-z0-9_-]/g, '')} 1\nmodels: *${k.replace(/[^A-Za-z0-9_-]/g, '')}zz\n`],
      ['syntax error', (k) => `version: 1\nmodels:\n  - id: [${k}\n`],
      ['key as id', (k) => `version: 1\nmodels:\n  - id: ${k}\n    name: m1\n`],
    ];
    for (const [i, [name, run]] of runs.entries())
      for (const shape of rotate(SHAPE_IDS, i, 4)) {
        const k = key(shape);
        const ws = workspace();
        await lib.add(B, { workspace: ws });
        check(JSON.stringify(await run(k, ws)) + written(ws), [k], `lib ${name} ${shape}`);
      }
    for (const [i, [name, yaml]] of yamls.entries())
      for (const shape of rotate(SHAPE_IDS, i, 4)) {
        const k = key(shape);
        const ws = workspace();
        mkdirSync(join(ws, 'config'));
        writeFileSync(join(ws, 'config', 'custom_models.yaml'), yaml(k));
        check(await lib.listModels({ workspace: ws }), [k], `registry ${name}: list ${shape}`);
        check(await lib.get('custom/m1-2b26', { workspace: ws }), [k], `registry ${name}: get ${shape}`);
        check(await lib.add({ upstream_model: 'm2', base_url: 'https://api.example-llm.com/v1' }, { workspace: ws }), [k], `registry ${name}: add ${shape}`);
        check(await cli(['remove', 'custom/m1-2b26', '--workspace', ws]), [k], `registry ${name}: cli remove ${shape}`);
      }
    expect(failures).toEqual([]);
  }, 240_000);

  it('the MCP tools, in-process', async () => {
    const call = async (name: string, args: Record<string, unknown>) => {
      const r = await mcp.callTool({ name, arguments: args });
      return JSON.stringify(r);
    };
    for (const shape of SHAPES_AND_BARE) {
      const tools: [string, (k: string) => [string, Record<string, unknown>]][] = [
        ['parse_example', (k) => ['parse_example', { api_example: PASTES[6].text(k) }]],
        ['add upstream_model', (k) => ['add', { upstream_model: shape === 'bare32' ? k.slice(0, 20) : k, base_url: 'https://api.example-llm.com/v1' }]],
        ['add headers', (k) => ['add', { upstream_model: 'm1', base_url: 'https://api.example-llm.com/v1', headers: { 'X-Session': k } }]],
        ['add request_params', (k) => ['add', { upstream_model: 'm1', base_url: 'https://api.example-llm.com/v1', request_params: { api_key: k } }]],
        ['add draft', (k) => ['add', { draft: { ok: true, draft: { upstream_model: 'm1', base_url: `https://user:${k}@api.example-llm.com/v1` } } }]],
        ['add_template name', (k) => ['add_template', { vendor: 'deepseek', name: k }]],
        ['add_template vendor', (k) => ['add_template', { vendor: k }]],
        ['get', (k) => ['get', { model_id: k }]],
        ['get fragment', (k) => ['get', { model_id: k.slice(0, 24) }]],
        ['remove', (k) => ['remove', { model_id: k }]],
        ['update', (k) => ['update', { model_id: k.slice(0, 24), name: k, headers: { 'X-Session': k } }]],
        ['rename', (k) => ['rename', { model_id: 'custom/m1-2b26', name: k }]],
        ['probe', (k) => ['probe', { model_id: k }]],
        ['list_vendor_models', (k) => ['list_vendor_models', { vendor: k }]],
        ['list_vendor_models base_url', (k) => ['list_vendor_models', { base_url: `https://api.example-llm.com/${k}/v1`, api_key_env: k }]],
      ];
      for (const [what, make] of tools) {
        const k = key(shape);
        const [name, args] = make(k);
        check((await call(name, args)) + written(mcpWs), [k], `mcp ${what} ${shape}`);
      }
    }
    check(await call('list_models', {}), [], 'mcp list_models');
    expect(failures).toEqual([]);
  }, 120_000);

  it('loopback answers: first 24, first and last 4, HTML, parameter echo, redirect, chat reply, catalog fields', async () => {
    const bodies: [string, (k: string) => { status: number; body: string; headers?: Record<string, string> }][] = [
      ['401 first 24', (k) => ({ status: 401, body: JSON.stringify({ error: { message: `Invalid API key: ${k.slice(0, 24)}` } }) })],
      ['401 first and last 4', (k) => ({ status: 401, body: JSON.stringify({ error: `key ${k.slice(0, 4)}...${k.slice(-4)} is wrong (${k.slice(4, 16)})` }) })],
      ['401 HTML', (k) => ({ status: 401, body: `<html><body><pre>Authorization: Bearer ${k}</pre></body></html>`, headers: { 'content-type': 'text/html' } })],
      ['400 parameter echo', (k) => ({ status: 400, body: JSON.stringify({ error: { message: `Unrecognized request argument supplied: ${k}`, param: k.slice(2, 30) } }) })],
      ['302 to a login URL', (k) => ({ status: 302, body: '', headers: { location: `${base}/login?token=${k}` } })],
      ['404 route echo', (k) => ({ status: 404, body: JSON.stringify({ error: `no route /v1/${k.slice(0, 30)}` }) })],
      ['200 catalog fields', (k) => ({ status: 200, body: JSON.stringify({ data: [{ id: 'm1', owned_by: k, description: `use ${k.slice(0, 20)}`, pricing: { [k]: 1 } }, { id: k.slice(0, 24) }] }) })],
      ['200 chat reply', (k) => ({ status: 200, body: JSON.stringify({ id: 'x', choices: [{ message: { role: 'assistant', content: `your key is ${halves(k).join(' ')}` } }] }) })],
      ['200 not JSON', (k) => ({ status: 200, body: `data: ${k}` })],
    ];
    for (const [i, [name, make]] of bodies.entries())
      for (const shape of rotate(SHAPES_AND_BARE, i, 6)) {
        const k = key(shape);
        respond = () => make(k);
        const ws = workspace({ CUSTOM_KEY_127_0_0_1: k });
        check(await cli(['list-vendor-models', '--base-url', `${base}/v1`, '--api-key-env', 'CUSTOM_KEY_127_0_0_1', '--workspace', ws]), [k], `cli list-vendor-models ${name} ${shape}`);
        const added = await cli(['add', '--upstream-model', 'm1', '--base-url', `${base}/v1`, '--api-key-env', 'CUSTOM_KEY_127_0_0_1', '--workspace', ws]);
        check(added, [k], `cli add ${name} ${shape}`);
        const id = /"model_id": "([^"]+)"/.exec(added)?.[1];
        if (id) check((await cli(['probe', id, '--workspace', ws])) + written(ws), [k], `cli probe ${name} ${shape}`);
      }
    expect(failures).toEqual([]);
  }, 240_000);

  it('ran its cases with no leak', () => {
    expect(failures).toEqual([]);
    if (process.env.LEAK_COUNT) console.log(`leak fuzz, positions: ${cases} cases`);
    expect(cases).toBeGreaterThanOrEqual(1_500);
  });
});
