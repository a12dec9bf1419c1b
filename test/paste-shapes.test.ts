// Issue 8 paste shapes and credential sites, as small cases: PowerShell
// cmdlets in parentheses, cmd's curl.exe with ^, placeholder hosts refused
// by name, Authorization schemes kept as written, credential headers outside
// the known list, and a gateway's second credential kept as a ${NAME}
// reference (never a value). Keys are generated at run time.
import { describe, expect, it } from 'vitest';
import { parseExample } from '../src/api.js';
import { generateKey, leaks } from './helpers/keys.js';

const ok = async (text: string, filename?: string) => {
  const r: any = await parseExample(text, filename ? { filename } : undefined);
  expect(r.ok, r.error).toBe(true);
  return r;
};
const body = `-d '{"model":"m1","messages":[{"role":"user","content":"hi"}]}'`;

describe('PowerShell and cmd', () => {
  it('reads an Invoke-WebRequest call inside parentheses ((iwr ...).Content)', async () => {
    const r = await ok(`(Invoke-WebRequest -method POST -Body '{"model":"llama3.2", "prompt":"hi", "stream": false}' -uri http://localhost:11434/api/generate ).Content | ConvertFrom-json`);
    expect(r.draft).toMatchObject({ base_url: 'http://localhost:11434/v1', upstream_model: 'llama3.2', auth: { in: 'none' } });
    expect(r.warnings.map((w: any) => w.code)).toContain('mapped_protocol');
  });
  it('a reference-page body with type names as values and a trailing comma is read (values left unset)', async () => {
    const r = await ok(`curl https://api.scaleway.ai/v1/chat/completions -H 'Authorization: Bearer $SCW_SECRET_KEY' --data '{"model": "llama-3.1-8b-instruct", "messages": [], "max_tokens": integer, "temperature": float, "stream": boolean,}'`);
    expect(r.draft.upstream_model).toBe('llama-3.1-8b-instruct');
    expect(r.warnings.map((w: any) => w.code)).toContain('body_repaired');
    expect(r.warnings.map((w: any) => w.code)).not.toContain('body_not_json');
    // "integer" inside a string stays a string
    const s = await ok(`curl https://api.scaleway.ai/v1/chat/completions -H "Authorization: Bearer $K" -d '{"model": "m", "messages": [{"role": "user", "content": ": integer"}], "n": 1,}'`);
    expect(s.draft.upstream_model).toBe('m');
  });
  it('a placeholder key made of vendor and placeholder words is not redacted as a secret', async () => {
    const r = await ok(['from litellm import completion', 'import os', `os.environ['NEBIUS_API_KEY'] = "insert-your-nebius-ai-studio-api-key"`, 'completion(model="nebius/Qwen/Qwen3-235B-A22B", messages=[])'].join('\n'));
    expect(r.warnings.map((w: any) => w.code)).not.toContain('secret_redacted');
    expect(r.detected.key_env).toBe('NEBIUS_API_KEY');
  });
  it('the mapped_protocol warning names the native endpoint the sample used (/api/generate vs /api/chat)', async () => {
    const gen = await ok(`curl http://localhost:11434/api/generate -d '{"model":"llama3.2","prompt":"hi"}'`);
    const chat = await ok(`curl http://localhost:11434/api/chat -d '{"model":"llama3.2","messages":[]}'`);
    const msg = (r: any) => r.warnings.find((w: any) => w.code === 'mapped_protocol')?.message ?? '';
    expect(msg(gen)).toContain('/api/generate');
    expect(msg(gen)).not.toContain('/api/chat');
    expect(msg(chat)).toContain('/api/chat');
  });
  it('reads @echo off + curl.exe with ^ continuations as cmd, not PowerShell', async () => {
    const text = ['@echo off', 'curl.exe https://api.openai.com/v1/chat/completions ^', '  -H "Authorization: Bearer %OPENAI_API_KEY%" ^', '  -d "{\\"model\\": \\"gpt-4o-mini\\", \\"messages\\": []}"'].join('\r\n');
    const r = await ok(text);
    expect(r.detected.language).toBe('cmd');
    expect(r.detected.method).toBe('POST');
    expect(r.draft.upstream_model).toBe('gpt-4o-mini');
    expect(r.detected.key_env).toBe('OPENAI_API_KEY');
  });
  it('still reads curl.exe with backtick continuations as PowerShell', async () => {
    const r = await ok('curl.exe https://api.openai.com/v1/chat/completions `\n  -H "Authorization: Bearer $env:OPENAI_API_KEY" `\n  -d \'{"model":"gpt-4o-mini","messages":[]}\'');
    expect(r.detected.language).toBe('powershell');
    expect(r.detected.key_env).toBe('OPENAI_API_KEY');
  });
});

describe('placeholder hosts are refused by name', () => {
  for (const [url, named] of [
    ['https://.../v1/chat/completions', '...'],
    ['https://<your-endpoint>/v1/chat/completions', '<your-endpoint>'],
    ['https://YOUR-RESOURCE-NAME.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', 'your-resource-name'],
    ['your_base_url/v1/chat/completions', 'your_base_url'],
    ['"{endpoint}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21"', '{endpoint}'],
  ])
    it(url, async () => {
      const r: any = await parseExample(`curl ${url} -H "Authorization: Bearer $KEY" ${body}`);
      expect(r).toMatchObject({ ok: false, code: 'unresolved_base_url' });
      expect(r.error.toLowerCase()).toContain(named.toLowerCase());
    });
  it('a real host with "your" inside a word is not a placeholder', async () => {
    const r = await ok(`curl https://api.yourgpt.example/v1/chat/completions -H "Authorization: Bearer $KEY" ${body}`);
    expect(r.draft.base_url).toBe('https://api.yourgpt.example/v1');
  });
});

describe('credentials in other headers', () => {
  it('keeps Authorization: Token / Key / Api-Key schemes as written', async () => {
    for (const scheme of ['Token', 'Key', 'Api-Key']) {
      const r = await ok(`curl https://api.acme.example/v1/chat/completions -H "Authorization: ${scheme} $ACME_API_KEY" ${body}`);
      expect(r.draft.auth).toEqual({ in: 'header', name: 'Authorization', scheme });
      expect(r.detected.key_env).toBe('ACME_API_KEY');
    }
  });
  it('reads Ocp-Apim-Subscription-Key, X-Api-Token and an unlisted header whose value is a key variable', async () => {
    for (const name of ['Ocp-Apim-Subscription-Key', 'X-Api-Token', 'X-Acme-Secret']) {
      const r = await ok(`curl https://api.acme.example/v1/chat/completions -H "${name}: $ACME_API_KEY" ${body}`);
      expect(r.draft.auth).toEqual({ in: 'header', name, scheme: null });
      expect(r.detected.key_env).toBe('ACME_API_KEY');
      expect(r.draft.headers).toEqual({});
    }
  });
  it('a literal key in an unlisted header is the auth, redacted', async () => {
    const key = generateKey('openai-proj');
    const r = await ok(`curl https://api.acme.example/v1/chat/completions -H "X-Acme-Credential: ${key}" ${body}`);
    expect(r.draft.auth).toMatchObject({ in: 'header', name: 'X-Acme-Credential' });
    expect(leaks(JSON.stringify(r), [key])).toEqual([]);
    expect(r.warnings.map((w: any) => w.code)).toContain('secret_redacted');
  });
  it('keeps a gateway credential beside the key as a ${NAME} reference', async () => {
    const r = await ok(`curl https://oai.helicone.ai/v1/chat/completions -H "Authorization: Bearer $OPENAI_API_KEY" -H "Helicone-Auth: Bearer $HELICONE_API_KEY" ${body}`);
    expect(r.draft.auth).toEqual({ in: 'header', name: 'Authorization', scheme: 'Bearer' });
    expect(r.draft.headers).toEqual({ 'Helicone-Auth': 'Bearer ${HELICONE_API_KEY}' });
    expect(r.warnings.map((w: any) => w.code)).toContain('credential_header');
  });
  it('a literal gateway key becomes a reference to a variable of its own, and never leaks', async () => {
    const key = generateKey('openai-proj');
    const r = await ok(`curl https://gateway.ai.cloudflare.com/v1/acct/gw/openai/chat/completions -H "cf-aig-authorization: Bearer ${key}" -H "Authorization: Bearer $OPENAI_API_KEY" ${body}`);
    expect(r.draft.headers).toEqual({ 'cf-aig-authorization': 'Bearer ${CUSTOM_KEY_GATEWAY_AI_CLOUDFLARE_COM_CF_AIG_AUTHORIZATION}' });
    expect(leaks(JSON.stringify(r), [key])).toEqual([]);
    expect(r.warnings.map((w: any) => w.code)).toContain('secret_redacted');
  });
  it('a placeholder that names a variable (Bearer HELICONE_API_KEY) refers to it', async () => {
    const r = await ok(`curl https://gateway.helicone.ai/v1/chat/completions -H 'Helicone-Auth: Bearer HELICONE_API_KEY' -H "Authorization: Bearer $OPENAI_API_KEY" ${body}`);
    expect(r.draft.headers['Helicone-Auth']).toBe('Bearer ${HELICONE_API_KEY}');
  });
  it('a gateway key alone (Portkey with a virtual key) is the auth', async () => {
    const r = await ok(`curl https://api.portkey.ai/v1/chat/completions -H "x-portkey-api-key: $PORTKEY_API_KEY" -H "x-portkey-virtual-key: $VIRTUAL_KEY" ${body}`);
    expect(r.draft.auth).toEqual({ in: 'header', name: 'x-portkey-api-key', scheme: null });
    expect(r.detected.key_env).toBe('PORTKEY_API_KEY');
    expect(r.draft.headers).toEqual({ 'x-portkey-virtual-key': '${VIRTUAL_KEY}' });
  });
});

describe('transcripts, notebooks and page copies', () => {
  it('IPython In [n]: / ...: prompts, a !curl cell expanding {var} from a Python cell, and printed output after it', async () => {
    const text = [
      'In [1]: import os',
      '   ...: MODEL = "llama3.2"',
      '',
      `In [2]: !curl http://localhost:11434/api/chat -d '{"model": "{MODEL}", "messages": [{"role": "user", "content": "hi"}], "stream": false}'`,
      '{"model":"llama3.2","message":{"role":"assistant","content":"Hello!"},"done":true}',
    ].join('\n');
    const r = await ok(text);
    expect(r.draft).toMatchObject({ base_url: 'http://localhost:11434/v1', upstream_model: 'llama3.2' });
  });
  it('$var inside single quotes of a !curl line is expanded by IPython; an undefined $NAME stays the shell\'s', async () => {
    const text = [
      'model_id = "meta-llama/Llama-3.3-70B-Instruct"',
      'api_base = "https://api.together.xyz/v1"',
      '!curl $api_base/chat/completions \\',
      '  -H "Authorization: Bearer $TOGETHER_API_KEY" \\',
      `  -d '{"model": "$model_id", "messages": [{"role": "user", "content": "hi"}]}'`,
    ].join('\n');
    const r = await ok(text, 'cell.py');
    expect(r.draft).toMatchObject({ base_url: 'https://api.together.xyz/v1', upstream_model: 'meta-llama/Llama-3.3-70B-Instruct' });
    expect(r.detected.key_env).toBe('TOGETHER_API_KEY');
  });
  it('Out[n]: lines are output, not code', async () => {
    const text = [
      'In [1]: from openai import OpenAI',
      '',
      'In [2]: client = OpenAI(base_url="https://api.groq.com/openai/v1", api_key=os.environ.get("GROQ_API_KEY"))',
      '',
      'In [3]: client.chat.completions.create(model="llama-3.3-70b-versatile", messages=[{"role": "user", "content": "hi"}])',
      "Out[3]: ChatCompletion(id='chatcmpl-1', choices=[Choice(finish_reason='stop', index=0)])",
    ].join('\n');
    const r = await ok(text);
    expect(r.draft).toMatchObject({ base_url: 'https://api.groq.com/openai/v1', upstream_model: 'llama-3.3-70b-versatile' });
    expect(r.warnings.map((w: any) => w.code)).not.toContain('guessed_syntax');
  });
  it('line numbers with a copy-button line between them', async () => {
    const text = ['1 curl https://api.mistral.ai/v1/chat/completions \\', '2   -H "Authorization: Bearer $MISTRAL_API_KEY" \\', 'Copy', '3   -d \'{"model": "mistral-small-latest", "messages": []}\''].join('\n');
    const r = await ok(text);
    expect(r.draft.upstream_model).toBe('mistral-small-latest');
    expect(r.detected.key_env).toBe('MISTRAL_API_KEY');
  });
  it('a sentence of prose inside a continued curl command', async () => {
    const text = ['curl https://api.x.ai/v1/chat/completions \\', 'Replace the variable below with your own key.', '  -H "Authorization: Bearer $XAI_API_KEY" \\', '  -d \'{"model": "grok-4", "messages": []}\''].join('\n');
    const r = await ok(text);
    expect(r.draft.upstream_model).toBe('grok-4');
    expect(r.detected.key_env).toBe('XAI_API_KEY');
  });
  it('markdown: the block that makes the chat call leads, not an earlier /models listing', async () => {
    const text = [
      '```bash', 'curl https://api.groq.com/openai/v1/models -H "Authorization: Bearer $GROQ_API_KEY"', '```', '',
      '```python', 'import os', 'from openai import OpenAI',
      'client = OpenAI(base_url="https://api.groq.com/openai/v1", api_key=os.environ["GROQ_API_KEY"])',
      'r = client.chat.completions.create(model="llama-3.3-70b-versatile", messages=[{"role": "user", "content": "hi"}])', '```',
    ].join('\n');
    const r = await ok(text);
    expect(r.draft.upstream_model).toBe('llama-3.3-70b-versatile');
  });
  it('markdown: `export` lines of a shell block set the environment a JavaScript block reads', async () => {
    const text = [
      '```bash', 'export OPENAI_BASE_URL="https://api.studio.nebius.ai/v1"', 'export OPENAI_API_KEY="$NEBIUS_API_KEY"', '```', '',
      '```javascript', 'import OpenAI from "openai";', 'const client = new OpenAI();',
      'const r = await client.chat.completions.create({ model: "meta-llama/Llama-3.3-70B-Instruct", messages: [] });', '```',
    ].join('\n');
    const r = await ok(text);
    expect(r.draft.base_url).toBe('https://api.studio.nebius.ai/v1');
    expect(r.detected.key_env).toBe('NEBIUS_API_KEY');
  });
});
