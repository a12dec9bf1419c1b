// The edges of the output boundary (issue 9): model ids whose lower-cased slug
// is key-shaped, key fragments of one case passed as arguments, prefix-less
// keys at credential positions given as flags (each with a `secret_redacted`
// warning naming the flag), `?sig=` signatures, and errors that never echo a
// random-looking argument. Keys are generated at run time (generateKey, or a
// test-side prefix-less generator for Mistral/Azure-style 32-character keys).
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as lib from '../src/index.js';
import { add as addUnwrapped } from '../src/registry/index.js';
import { slugOf } from '../src/registry/ids.js';
import { findKeyShaped, forgetSecrets, holdsSecret, quoteArgument, rememberArguments, rememberSecret, scanText } from '../src/secrets/index.js';
import { generateKey, leaks } from './helpers/keys.js';
import { captureCli } from './helpers/run.js';

function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}
const random = seeded(909);
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';
/** A prefix-less key (Mistral/Azure style): 32 random characters of a charset. */
const bare = (chars = ALNUM, n = 32) => Array.from({ length: n }, () => chars[Math.floor(random() * chars.length)]).join('');

const root = mkdtempSync(join(tmpdir(), 'byok-edges-'));
let n = 0;
const ws = () => mkdtempSync(join(root, `w${n++}-`));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function cli(argv: string[]): Promise<{ out: string; result: { ok: boolean; error?: string; code?: string; warnings?: { code: string; message: string }[] } }> {
  const out = await captureCli(argv);
  return { out, result: JSON.parse(out) };
}
const registryText = (dir: string) => (existsSync(join(dir, 'config', 'custom_models.yaml')) ? readFileSync(join(dir, 'config', 'custom_models.yaml'), 'utf8') : '');

describe('a model id whose slug is key-shaped', () => {
  it('gets an entry id that is no key shape (the store never refuses its own id)', () => {
    for (let i = 0; i < 50; i++) {
      const upperHex = generateKey('sk-hex32', random).toUpperCase();
      expect(findKeyShaped(upperHex)).toBeNull(); // upper case: not the sk-hex32 shape
      expect(findKeyShaped(`custom/${slugOf(upperHex)}-abcd`)).toBeNull();
    }
    expect(slugOf('accounts/fireworks/models/llama-v3p1-8b-instruct')).toBe('accounts-fireworks-models-llama-v3p1-8b-instruct');
  });

  it('registers through the registry (unwrapped) instead of throwing', async () => {
    forgetSecrets();
    const model = 'SK-' + generateKey('sk-hex32', random).slice(3).toUpperCase();
    const r = (await addUnwrapped({ upstream_model: model, base_url: 'https://api.example-llm.com/v1' }, { workspace: ws() })) as { ok: boolean; model_id?: string };
    expect(r.ok).toBe(true);
    expect(findKeyShaped(String(r.model_id))).toBeNull();
  });

  it('through the library (which remembers random-looking arguments) is a clean failure naming the field', async () => {
    const dir = ws();
    const model = generateKey('azure-hex32', random).toUpperCase();
    const r = (await lib.add({ upstream_model: model, base_url: 'https://api.example-llm.com/v1' }, { workspace: dir })) as { ok: boolean; code?: string; error?: string };
    expect(r.ok).toBe(false);
    expect(r.code).toBe('invalid_entry');
    expect(r.error).toMatch(/^upstream_model and name hold what looks like an API key/);
    expect(registryText(dir)).toBe('');
  });
});

describe('key fragments of one case passed as arguments', () => {
  it('are remembered (lower-case and upper-case alphanumeric, 16+ characters)', () => {
    for (let i = 0; i < 40; i++) {
      forgetSecrets();
      const k = generateKey('cerebras', random);
      const frag = k.slice(4, 36); // the lower-case body, no prefix
      rememberArguments(['get', frag]);
      expect(holdsSecret(frag)).toBe(true);
    }
    forgetSecrets();
    const upper = bare(ALNUM.slice(0, 26) + '0123456789');
    rememberArguments(['get', upper]);
    expect(holdsSecret(upper)).toBe(true);
  });

  it('are never echoed by get/remove/list-vendor-models, and never stored by add', async () => {
    for (let i = 0; i < 6; i++) {
      const k = generateKey('cerebras', random);
      const dir = ws();
      for (const argv of [['get', k.slice(4, 28)], ['remove', k.slice(6, 30)], ['list-vendor-models', k.slice(5, 25)], ['add', '--upstream-model', k.slice(4, 30), '--base-url', 'https://api.example-llm.com/v1'], ['add-template', 'deepseek', '--name', k.slice(8, 40)]]) {
        const { out, result } = await cli([...argv, '--workspace', dir]);
        expect(leaks(out, [k]), argv[0]).toEqual([]);
        expect(result.ok).toBe(false);
      }
      expect(leaks(registryText(dir), [k])).toEqual([]);
    }
  });

  it('plain words and entry ids are still quoted back; random-looking ones are named', () => {
    forgetSecrets();
    expect(quoteArgument('deepsek', 'vendor')).toBe('"deepsek"');
    expect(quoteArgument('custom/llama-3-3-70b-versatile-1a2b', 'id')).toBe('"custom/llama-3-3-70b-versatile-1a2b"');
    expect(quoteArgument('k3j9x0q2m8zza7b1', 'id')).toBe('(the id given, 16 characters, not repeated here)');
  });

  it('URL hosts and model ids of the data are not taken for fragments', () => {
    forgetSecrets();
    for (const a of ['https://lkhh3j0q6mvn5kxl.us-east-1.aws.endpoints.huggingface.cloud/v1', 'Qwen/Qwen2.5-Coder-32B-Instruct', 'ft:gpt-4o-mini-2024-07-18:my-org:custom:9zUQd5Fv', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456']) {
      rememberArguments(['add', '--upstream-model', a]);
      expect(holdsSecret(a), a).toBe(false);
    }
  });
});

describe('prefix-less keys at credential positions given as flags: a secret_redacted warning naming the flag', () => {
  const B = ['--upstream-model', 'm1', '--base-url', 'https://api.example-llm.com/v1'];
  const cases: [string, (k: string) => string[]][] = [
    ['header', (k) => ['--header', `X-Session: ${k}`]],
    ['headers', (k) => ['--headers', JSON.stringify({ 'X-Session': k })]],
    ['query', (k) => ['--query', JSON.stringify({ 'subscription-key': k })]],
    ['query', (k) => ['--query', JSON.stringify({ sig: k })]],
    ['request-params', (k) => ['--request-params', JSON.stringify({ extra: { credentials: { accessToken: k } } })]],
  ];
  it.each(cases.map(([flag, make], i) => [flag, i, make] as const))('--%s (case %i)', async (flag, _i, make) => {
    for (const chars of [ALNUM, LOWER]) {
      const k = bare(chars);
      const dir = ws();
      const { out, result } = await cli(['add', ...B, ...make(k), '--workspace', dir]);
      expect(leaks(out + registryText(dir), [k])).toEqual([]);
      expect(result.ok).toBe(false);
      const w = (result.warnings ?? []).filter((x) => x.code === 'secret_redacted');
      expect(w.map((x) => x.message).join(' ')).toContain(`--${flag}`);
    }
  });
});

describe('?sig= is a signature, not the auth', () => {
  it('is shown as <redacted> in detected.endpoint, dropped from the query, never the key variable', async () => {
    const k = bare();
    const r = (await lib.parseExample(`curl "https://api.example-llm.com/v1/chat/completions?sv=2022-11-02&sig=${k}" -H "Authorization: Bearer $EX_KEY" -d '{"model":"m1","messages":[]}'`, { filename: 'x.sh' })) as {
      ok: boolean;
      draft: { auth: { in: string; name?: string }; query: Record<string, string> };
      detected: { endpoint: string };
      warnings: { code: string; message: string }[];
    };
    expect(r.ok).toBe(true);
    expect(r.detected.endpoint).toBe('https://api.example-llm.com/v1/chat/completions?sv=2022-11-02&sig=<redacted>');
    expect(r.draft.auth).toEqual({ in: 'header', name: 'Authorization', scheme: 'Bearer' });
    expect(r.draft.query).toEqual({ 'sv': '2022-11-02' });
    expect(r.warnings.find((w) => w.code === 'secret_redacted')?.message).toMatch(/\?sig= query parameter.*signature of this one URL/);
    const alone = (await lib.parseExample(`curl "https://api.example-llm.com/v1/chat/completions?sig=${bare()}" -d '{"model":"m1","messages":[]}'`, { filename: 'x.sh' })) as { draft: { auth: { in: string; name?: string } } };
    expect(alone.draft.auth.name).not.toBe('sig');
  });
});

describe('found by the attack on every position (leak-fuzz-positions)', () => {
  it('a split key never takes the next word when it names something (`"fw_..." https://` kept https)', async () => {
    for (let i = 0; i < 30; i++) {
      forgetSecrets();
      const k = generateKey('fireworks', random);
      const r = (await lib.parseExample(`curl -b "sid=${k}" https://api.example-llm.com/v1/chat/completions -H "Authorization: Bearer $K" -d '{"model":"m1","messages":[]}'`, { filename: 'x.sh' })) as { draft: { base_url: string } };
      expect(r.draft.base_url).toBe('https://api.example-llm.com/v1');
      expect(holdsSecret('https')).toBe(false);
    }
  });

  it('a prefix-less hex key glued to hex letters or split by a space is found', () => {
    const k = generateKey('azure-hex32', random);
    expect(scanText(`X-Note: abc${k}`).map((f) => f.value)).toEqual([`abc${k}`]);
    const found = scanText(`X-Trace: ${k.slice(0, 10)} ${k.slice(10)}`);
    expect(found.map((f) => f.value)).toEqual([k]);
    // A 40-digit run is a SHA-1, not a key glued to letters; a 32-hex path segment is an id (a Cloudflare account).
    expect(scanText(`commit ${generateKey('together-hex64', random).slice(0, 40)}`)).toEqual([]);
    expect(scanText(`https://gateway.ai.cloudflare.com/v1/${k}/gw/openai`)).toEqual([]);
  });

  it('remembering a secret whose first and last windows are known still adds its middle', () => {
    forgetSecrets();
    const k = generateKey('groq', random);
    rememberArguments(['get', k.slice(0, 20)]);
    rememberArguments(['get', k.slice(-20)]);
    rememberSecret(k);
    for (let i = 0; i + 8 <= k.length; i++) expect(holdsSecret(k.slice(i, i + 8))).toBe(true);
  });

  it('a base64url fragment cut by - or _ is remembered whole; model ids cut between words are not', () => {
    forgetSecrets();
    const frag = 'proj-dv06zn1tER7-cfiiJ6Aq';
    rememberArguments(['rename', 'custom/m1-2b26', frag]);
    for (let i = 0; i + 8 <= frag.length; i++) expect(holdsSecret(frag.slice(i, i + 8)), frag.slice(i, i + 8)).toBe(true);
    for (const m of ['meta-llama/Llama-2-70b-chat-hf', 'Qwen3-235B-A22B-Instruct-2507', 'MiniMax-M1-80k', 'Meta-Llama-3.1-405B-Instruct-FP8', 'DeepSeekReasoner']) {
      forgetSecrets();
      rememberArguments(['add', '--upstream-model', m]);
      expect(holdsSecret(m), m).toBe(false);
    }
  });

  it('an unknown option is named only when it is a lower-case word', async () => {
    const dir = ws();
    const k = generateKey('openai-svcacct', random);
    const { out } = await cli(['probe', `-${k.slice(11, 40).replace(/[^A-Za-z]/g, 'q')}`, '--workspace', dir]);
    expect(out).toContain('its name is not shown');
    expect((await cli(['probe', '--timout-ms', '5', '--workspace', dir])).result.error).toContain('--timout-ms');
  });

  it("the workspace's .env is remembered before a verb runs, even when the key is never sent", async () => {
    const { createServer } = await import('node:http');
    const k = generateKey('xai', random);
    const server = createServer((_q, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: `Invalid API key: ${k.slice(0, 24)}` }));
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    try {
      const a = server.address();
      const dir = ws();
      writeFileSync(join(dir, '.env'), `CUSTOM_KEY_127_0_0_1=${k}\n`);
      const { out, result } = await cli(['list-vendor-models', '--base-url', `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}/v1`, '--workspace', dir]);
      expect(result.ok).toBe(false);
      expect(leaks(out, [k])).toEqual([]);
    } finally {
      server.close();
    }
  });

  it("each workspace's .env is read when it is first given and again when it changes", async () => {
    const { rememberWorkspaceEnv } = await import('../src/secrets/dotenv.js');
    // Prefix-less values under a key variable's name: remembered by name, not by shape.
    const hex = () => Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
    const [a, b, c] = [ws(), ws(), hex()];
    const [ka, kb] = [hex(), hex()];
    writeFileSync(join(a, '.env'), `CUSTOM_KEY_A=${ka}\n`);
    writeFileSync(join(b, '.env'), `CUSTOM_KEY_B=${kb}\n`);
    rememberWorkspaceEnv(a);
    rememberWorkspaceEnv(b);
    expect([holdsSecret(ka), holdsSecret(kb)]).toEqual([true, true]);
    // The same folder again, its .env rewritten (another size): the new value is read.
    writeFileSync(join(a, '.env'), `CUSTOM_KEY_A=${ka}\nCUSTOM_KEY_C=${c}\n`);
    rememberWorkspaceEnv(a);
    expect(holdsSecret(c)).toBe(true);
  });

  it('a folder without .env may be trusted to have none for a while; a folder with one is read again on every call', async () => {
    const { rememberWorkspaceEnv } = await import('../src/secrets/dotenv.js');
    const hex = () => Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');
    // No .env: looked at, then trusted absent for the interval given.
    const a = ws();
    const [k1, k2] = [hex(), hex()];
    rememberWorkspaceEnv(a, 200);
    writeFileSync(join(a, '.env'), `CUSTOM_KEY_A=${k1}\n`);
    rememberWorkspaceEnv(a, 200);
    expect(holdsSecret(k1)).toBe(false);
    // Without an interval (the CLI, the registry and probe functions, the MCP server), it is looked at every time.
    rememberWorkspaceEnv(a);
    expect(holdsSecret(k1)).toBe(true);
    // A folder that has a .env is looked at on every call, interval or not: a rewrite is read at once.
    writeFileSync(join(a, '.env'), `CUSTOM_KEY_A=${k1}\nCUSTOM_KEY_B=${k2}\n`);
    rememberWorkspaceEnv(a, 200);
    expect(holdsSecret(k2)).toBe(true);
    // Absent again, then created: read once the interval has passed.
    const b = ws();
    const k3 = hex();
    rememberWorkspaceEnv(b, 50);
    writeFileSync(join(b, '.env'), `CUSTOM_KEY_C=${k3}\n`);
    await new Promise((ok) => setTimeout(ok, 80));
    rememberWorkspaceEnv(b, 50);
    expect(holdsSecret(k3)).toBe(true);
  });

  it('parseExample reads an edited .env of its workspace at the next call (a prefix-less key pasted as a model id is hidden)', async () => {
    const dir = ws();
    // A passphrase: no key shape and nothing random in it, so only the .env tells that it is a secret.
    // (Two word lists: the two phrases share no 8 characters, which the memory would hide in both.)
    const pick = (words: string[]) => words[Math.floor(random() * words.length)];
    const phrase = (w: string[]) => `${pick(w)}-${pick(w)}-${pick(w)}-${1000 + Math.floor(random() * 9000)}`;
    const [k1, k2] = [phrase(['tangerine', 'velvet', 'orbit', 'harbor']), phrase(['quartz', 'meadow', 'cinder', 'lantern'])];
    writeFileSync(join(dir, '.env'), `CUSTOM_KEY_ONE=${k1}\n`);
    const paste = (m: string) => `curl https://api.example.com/v1/chat/completions -H "Authorization: Bearer $CUSTOM_KEY_ONE" -d '{"model": "${m}", "messages": []}'`;
    const first = await lib.parseExample(paste(k1), { workspace: dir });
    expect(leaks(JSON.stringify(first), [k1])).toEqual([]);
    writeFileSync(join(dir, '.env'), `CUSTOM_KEY_ONE=${k1}\nCUSTOM_KEY_TWO=${k2}\n`);
    // Without the .env it would be printed as the model id.
    const elsewhere = await lib.parseExample(paste(k2), { workspace: ws() });
    expect(JSON.stringify(elsewhere)).toContain(k2);
    const second = await lib.parseExample(paste(k2), { workspace: dir });
    expect(leaks(JSON.stringify(second), [k2])).toEqual([]);
  });

  it('MCP tool arguments holding a key add a secret_redacted warning, and fragments are never stored', async () => {
    const { Client } = await import('@modelcontextprotocol/sdk/client/index.js');
    const { InMemoryTransport } = await import('@modelcontextprotocol/sdk/inMemory.js');
    const { createServer: createMcp } = await import('../src/mcp/server.js');
    const dir = ws();
    const [c, s] = InMemoryTransport.createLinkedPair();
    await createMcp({ workspace: dir, version: '0.0.0' }).connect(s);
    const client = new Client({ name: 't', version: '0' });
    await client.connect(c);
    try {
      const k = generateKey('cerebras', random);
      const r = (await client.callTool({ name: 'add', arguments: { upstream_model: k, base_url: 'https://api.example-llm.com/v1' } })) as { structuredContent: { ok: boolean; warnings?: { code: string }[] } };
      expect(r.structuredContent.ok).toBe(false);
      expect(r.structuredContent.warnings?.map((w) => w.code)).toContain('secret_redacted');
      const frag = k.slice(4, 36);
      const r2 = (await client.callTool({ name: 'add', arguments: { upstream_model: frag, base_url: 'https://api.example-llm.com/v1' } })) as { structuredContent: { ok: boolean } };
      expect(r2.structuredContent.ok).toBe(false);
      expect(leaks(registryText(dir) + JSON.stringify(r2), [k])).toEqual([]);
    } finally {
      await client.close();
    }
  });
});

describe("a parse's options at the library boundary", () => {
  const text = `curl https://api.example.com/v1/chat/completions -H "Authorization: Bearer $EXAMPLE_KEY" -d '{"model": "m"}'`;
  it('a key in any option other than a filename string is remembered (and hidden from later outputs)', async () => {
    const key = generateKey('openai');
    expect(holdsSecret(key)).toBe(false);
    const r = await lib.parseExample(text, { filename: 'x.sh', api_key: key } as never);
    expect(r.ok).toBe(true);
    expect(holdsSecret(key)).toBe(true);
    const nested = generateKey('anthropic');
    await lib.parseExample(text, { extra: { note: nested } } as never);
    expect(holdsSecret(nested)).toBe(true);
  });
  it('a lone filename is read for its extension only and not remembered', async () => {
    const name = `${bare(LOWER, 24)}.sh`;
    const r = await lib.parseExample(text, { filename: name });
    expect(r.ok && r.detected.language).toBe('shell');
    expect(holdsSecret(name.slice(0, 20))).toBe(false);
  });
});
