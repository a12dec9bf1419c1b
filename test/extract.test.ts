// The extractor's decisions, one case each, through parseExample (so the case
// reads like the paste a user makes). Each pins a behaviour that once was
// wrong or that DESIGN.md leaves to us (see README, "Decisions").
import { describe, expect, it } from 'vitest';
import { parseExample } from '../src/api.js';
import { generateKey } from './helpers/keys.js';

const ok = async (text: string, filename?: string) => {
  const r: any = await parseExample(text, { filename });
  if (!r.ok) throw new Error(`${r.code}: ${r.error}`);
  return r;
};
const codes = (r: any) => r.warnings.map((w: any) => w.code);

describe('base_url and protocol', () => {
  it('anthropic wire: the root without /v1', async () => {
    const r = await ok(`curl https://api.deepseek.com/anthropic/v1/messages -H "x-api-key: $DEEPSEEK_API_KEY" -d '{"model":"deepseek-flash","max_tokens":10,"messages":[]}'`);
    expect([r.draft.base_url, r.draft.wire, r.draft.auth]).toEqual(['https://api.deepseek.com/anthropic', 'anthropic', { in: 'header', name: 'x-api-key', scheme: null }]);
  });
  it('Azure deployments: deployment root, deployment as model, api-version in query', async () => {
    const r = await ok(`curl "https://res.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21" -H "api-key: $AZURE_OPENAI_API_KEY" -d '{"messages":[]}'`);
    expect([r.draft.base_url, r.draft.upstream_model, r.draft.query]).toEqual(['https://res.openai.azure.com/openai/deployments/gpt4o', 'gpt4o', { 'api-version': '2024-10-21' }]);
  });
  it('a host that is an unset variable is refused, naming it', async () => {
    const r: any = await parseExample(`curl $AZURE_OPENAI_ENDPOINT/openai/deployments/x/chat/completions -d '{}'`);
    expect(r).toMatchObject({ ok: false, code: 'unresolved_base_url' });
    expect(r.error).toContain('AZURE_OPENAI_ENDPOINT');
  });
  it('a path placeholder such as {account_id} is refused (DESIGN.md)', async () => {
    const r: any = await parseExample(`curl https://api.cloudflare.com/client/v4/accounts/{account_id}/ai/v1/chat/completions -d '{"model":"m","messages":[]}'`);
    expect(r).toMatchObject({ ok: false, code: 'unresolved_base_url' });
  });
  it('a variable in the URL path is named as a variable', async () => {
    const r: any = await parseExample('const url = `https://api.cloudflare.com/client/v4/accounts/${process.env.CF_ACCOUNT}/ai/v1/chat/completions`;\nawait fetch(url, { method: "POST", body: JSON.stringify({ model: "m", messages: [] }) });', { filename: 'x.js' });
    expect(r).toMatchObject({ ok: false, code: 'unresolved_base_url' });
    expect(r.error).toContain('variable CF_ACCOUNT');
  });
  it('a non-chat endpoint without a chat body is unsupported; a /models listing alone has no model', async () => {
    expect(await parseExample(`curl https://api.replicate.com/v1/models/a/b/predictions -d '{"input":{}}'`)).toMatchObject({ ok: false, code: 'unsupported_protocol' });
    expect(await parseExample(`curl https://api.groq.com/openai/v1/models -H "Authorization: Bearer $GROQ_API_KEY"`)).toMatchObject({ ok: false, code: 'no_model' });
  });
  it('maps DashScope native generation and Cohere v2 chat to their OpenAI-compatible roots', async () => {
    const d = await ok(`curl https://dashscope-intl.aliyuncs.com/api/v1/services/aigc/text-generation/generation -H "Authorization: Bearer $DASHSCOPE_API_KEY" -d '{"model":"qwen-plus","input":{"messages":[]},"parameters":{"enable_thinking":false}}'`);
    expect([d.draft.base_url, d.draft.thinking_params, d.draft.thinking_mode]).toEqual(['https://dashscope-intl.aliyuncs.com/compatible-mode/v1', { enable_thinking: false }, 'disabled']);
    expect(codes(d)).toContain('mapped_protocol');
    const c = await ok('import cohere\nco = cohere.ClientV2()\nco.chat(model="command-a-03-2025", messages=[])\n');
    expect([c.draft.base_url, c.detected.key_env]).toEqual(['https://api.cohere.ai/compatibility/v1', 'CO_API_KEY']);
  });
  it('uses the default of os.getenv("BASE", "https://...") as the base URL, with a warning', async () => {
    const r = await ok('import os\nfrom openai import OpenAI\nclient = OpenAI(base_url=os.getenv("LLM_BASE", "https://api.together.xyz/v1"), api_key=os.environ["TOGETHER_API_KEY"])\nclient.chat.completions.create(model="m", messages=[])\n');
    expect(r.draft.base_url).toBe('https://api.together.xyz/v1');
    expect(codes(r)).toContain('base_url_default');
  });
  it('uses the default of os.getenv("MODEL", "...") as the model, as the code would', async () => {
    const r = await ok('import os, requests\nMODEL = os.getenv("DEEPSEEK_MODEL", "deepseek-chat")\nrequests.post("https://api.deepseek.com/chat/completions", headers={"Authorization": f"Bearer {os.getenv(\'DEEPSEEK_API_KEY\')}"}, json={"model": MODEL, "messages": []})\n');
    expect(r.draft.upstream_model).toBe('deepseek-chat');
    expect(codes(r)).toContain('model_default');
  });
  it('a model in the URL path that is only a variable is left empty, with a warning', async () => {
    const r = await ok(`curl 'https://generativelanguage.googleapis.com/v1beta/models/\${MODEL_ID}:generateContent?key=\${GEMINI_API_KEY}' -d '{"contents":[]}'`);
    expect(r.draft.upstream_model).toBeNull();
    expect(codes(r)).toContain('model_from_variable');
  });
  it('an Anthropic SDK fragment with no client keeps the anthropic wire', async () => {
    const r = await ok('message = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=[{"role": "user", "content": "Hi"}])\n', 'x.py');
    expect([r.draft.base_url, r.draft.wire]).toEqual([null, 'anthropic']);
  });
});

describe('auth and keys', () => {
  it('reports auth header names in their canonical spelling', async () => {
    const r = await ok(`curl https://api.openai.com/v1/chat/completions -H "authorization: Bearer $OPENAI_API_KEY" -d '{"model":"gpt-5"}'`);
    expect(r.draft.auth).toEqual({ in: 'header', name: 'Authorization', scheme: 'Bearer' });
    const a = await ok(`curl https://api.anthropic.com/v1/messages -H "X-API-Key: $ANTHROPIC_API_KEY" -d '{"model":"claude-sonnet-4-5","max_tokens":1}'`);
    expect(a.draft.auth).toEqual({ in: 'header', name: 'x-api-key', scheme: null });
  });
  it('a local server with a dummy key takes no key', async () => {
    const r = await ok(`curl http://localhost:11434/v1/chat/completions -H "Authorization: Bearer ollama" -d '{"model":"qwen3:8b","messages":[]}'`);
    expect([r.draft.auth, r.draft.api_key_env, r.detected.key_env]).toEqual([{ in: 'none' }, null, null]);
  });
  it('follows a variable that only aliases another one to the key\'s real source', async () => {
    const r = await ok('set GROQ_KEY=%GROQ_API_KEY%\ncurl https://api.groq.com/openai/v1/chat/completions -H "Authorization: Bearer %GROQ_KEY%" -d "{\\"model\\": \\"m\\"}"', 'x.cmd');
    expect(r.detected.key_env).toBe('GROQ_API_KEY');
    const b = await ok(`KEY=$OPENAI_API_KEY\ncurl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer $KEY" -d '{"model":"gpt-5"}'`);
    expect(b.detected.key_env).toBe('OPENAI_API_KEY');
    const p = await ok(`export DEEPSEEK_API_KEY=\${YOUR_API_KEY}\ncurl https://api.deepseek.com/chat/completions -H "Authorization: Bearer $DEEPSEEK_API_KEY" -d '{"model":"deepseek-flash"}'`);
    expect(p.detected.key_env).toBe('DEEPSEEK_API_KEY');
  });
  it('reads a key passed as the first positional argument where the SDK takes it there', async () => {
    const k = generateKey('generic-sk');
    const r = await ok(`import cohere\nco = cohere.ClientV2("${k}")\nco.chat(model="command-a-03-2025", messages=[])\n`);
    expect(codes(r)).toContain('secret_redacted');
    expect(r.detected.key_env).toBeNull();
  });
  it('a decorated placeholder names the likely variable in a warning', async () => {
    const r = await ok(`curl https://api.together.xyz/v1/chat/completions -H "Authorization: Bearer <TOGETHER_API_KEY>" -d '{"model":"m","messages":[]}'`);
    expect(r.detected.key_env).toBeNull();
    expect(r.warnings.find((w: any) => w.code === 'placeholder_key').message).toContain('TOGETHER_API_KEY');
  });
  it('a key pasted where the variable name belongs is redacted, not reported as key_env', async () => {
    const k = generateKey('groq');
    const r = await ok(`import os\nfrom groq import Groq\nclient = Groq(api_key=os.environ["${k}"])\nclient.chat.completions.create(model="m", messages=[])\n`);
    expect(r.detected.key_env).toBeNull();
    expect(codes(r)).toContain('secret_redacted');
    expect(JSON.stringify(r)).not.toContain(k.slice(4, 12));
  });
});

describe('headers', () => {
  it('keeps attribution headers, warning when their value is a placeholder', async () => {
    const r = await ok(`curl https://openrouter.ai/api/v1/chat/completions -H "Authorization: Bearer $OPENROUTER_API_KEY" -H "HTTP-Referer: <YOUR_SITE_URL>" -H "X-Title: My App" -d '{"model":"openai/gpt-4o","messages":[]}'`);
    expect(r.draft.headers).toEqual({ 'HTTP-Referer': '<YOUR_SITE_URL>', 'X-Title': 'My App' });
    expect(r.warnings.filter((w: any) => w.code === 'placeholder_header').map((w: any) => w.message)).toEqual([
      'The HTTP-Referer header holds the placeholder "<YOUR_SITE_URL>"; put your own value in it, or remove the header.',
    ]);
  });
});

describe('thinking', () => {
  it('on an unknown host, reasoning_effort alone is generic, chat_template_kwargs wins when present', async () => {
    const g = await ok(`curl https://llm.example.com/v1/chat/completions -H "Authorization: Bearer $K" -d '{"model":"m","messages":[],"reasoning_effort":"high"}'`);
    expect(g.draft.thinking_capability).toBe('generic_reasoning_effort');
    const c = await ok(`curl https://llm.example.com/v1/chat/completions -H "Authorization: Bearer $K" -d '{"model":"m","messages":[],"reasoning_effort":"high","chat_template_kwargs":{"enable_thinking":true}}'`);
    expect(c.draft.thinking_capability).toBe('chat_template_kwargs');
  });
  it('local servers are told apart by port: Ollama 11434, vLLM 8000', async () => {
    const o = await ok(`curl http://localhost:11434/v1/chat/completions -d '{"model":"m","messages":[],"reasoning_effort":"low"}'`);
    const v = await ok(`curl http://127.0.0.1:8000/v1/chat/completions -d '{"model":"m","messages":[],"chat_template_kwargs":{"enable_thinking":false}}'`);
    expect([o.detected.vendor, o.draft.thinking_capability, v.detected.vendor, v.draft.thinking_capability, v.draft.thinking_mode]).toEqual(['ollama', 'ollama_reasoning', 'vllm', 'chat_template_kwargs', 'disabled']);
  });
  it('Ollama native think: true maps to the compatible endpoint with no field and thinking on', async () => {
    const r = await ok(`curl http://localhost:11434/api/chat -d '{"model":"qwen3","messages":[],"think":true}'`);
    expect([r.draft.base_url, r.draft.thinking_params, r.draft.thinking_mode]).toEqual(['http://localhost:11434/v1', {}, 'enabled']);
  });
  it('Volcengine Ark: thinking.type enabled/disabled/auto is volcengine_thinking (auto leaves the mode to the model); *-thinking models always reason', async () => {
    const ark = (model: string, type: string) =>
      ok(`curl https://ark.cn-beijing.volces.com/api/v3/chat/completions -H "Authorization: Bearer $ARK_API_KEY" -d '{"model":"${model}","messages":[],"thinking":{"type":"${type}"}}'`);
    const [on, off, auto, think] = await Promise.all([ark('doubao-seed-1-6-250615', 'enabled'), ark('doubao-seed-1-6-250615', 'disabled'), ark('doubao-seed-1-6-250615', 'auto'), ark('doubao-seed-1-6-thinking-250615', 'disabled')]);
    expect([on, off, auto].map((r) => [r.draft.thinking_capability, r.draft.thinking_mode])).toEqual([['volcengine_thinking', 'enabled'], ['volcengine_thinking', 'disabled'], ['volcengine_thinking', 'auto']]);
    expect(auto.draft.thinking_params).toEqual({ 'thinking.type': 'auto' });
    expect([think.draft.thinking_capability, think.draft.thinking_mode]).toEqual(['always_on', 'enabled']);
    expect(codes(think)).toContain('thinking_always_on');
  });
  it('Cohere: native thinking maps to the Compatibility API reasoning_effort (none|high); token_budget is dropped with a word', async () => {
    const r = await ok(`curl https://api.cohere.com/v2/chat -H "Authorization: Bearer $CO_API_KEY" -d '{"model":"command-a-reasoning-08-2025","messages":[],"thinking":{"type":"disabled","token_budget":100}}'`);
    expect([r.draft.base_url, r.draft.thinking_capability, r.draft.thinking_mode, r.draft.thinking_params]).toEqual(['https://api.cohere.ai/compatibility/v1', 'cohere_reasoning', 'disabled', { reasoning_effort: 'none' }]);
    expect(r.warnings.find((w: any) => w.code === 'mapped_protocol').message).toContain('thinking.token_budget');
    const c = await ok(`curl https://api.cohere.ai/compatibility/v1/chat/completions -H "Authorization: Bearer $CO_API_KEY" -d '{"model":"command-a-reasoning-08-2025","messages":[],"reasoning_effort":"high"}'`);
    expect([c.draft.thinking_capability, c.draft.thinking_mode, c.draft.thinking_params]).toEqual(['cohere_reasoning', 'enabled', { reasoning_effort: 'high' }]);
  });
  it("a host's rule for another wire does not apply (SambaNova's chat-template switch on its Anthropic-style endpoint)", async () => {
    const o = await ok(`curl https://api.sambanova.ai/v1/chat/completions -H "Authorization: Bearer $SAMBANOVA_API_KEY" -d '{"model":"DeepSeek-V3.1","messages":[],"chat_template_kwargs":{"enable_thinking":false}}'`);
    expect([o.draft.thinking_capability, o.draft.thinking_mode]).toEqual(['chat_template_kwargs', 'disabled']);
    const a = await ok(`curl https://api.sambanova.ai/v1/messages -H "x-api-key: $SAMBANOVA_API_KEY" -d '{"model":"gpt-oss-120b","max_tokens":10,"messages":[]}'`);
    expect([a.draft.wire, a.draft.thinking_capability]).toEqual(['anthropic', 'none']);
  });
  it('an always-on model told to stop thinking gets a warning, not silence', async () => {
    const r = await ok(`curl https://api.deepseek.com/chat/completions -H "Authorization: Bearer $DEEPSEEK_API_KEY" -d '{"model":"deepseek-reasoner","messages":[],"thinking":{"type":"disabled"}}'`);
    expect([r.draft.thinking_capability, r.draft.thinking_mode]).toEqual(['always_on', 'enabled']);
    expect(codes(r)).toContain('thinking_always_on');
  });
  it('venice_parameters keeps its non-thinking fields as request_params', async () => {
    const r = await ok(`curl https://api.venice.ai/api/v1/chat/completions -H "Authorization: Bearer $VENICE_API_KEY" -d '{"model":"m","messages":[],"venice_parameters":{"disable_thinking":true,"enable_web_search":"auto"},"top_k":40}'`);
    expect(r.draft.thinking_params).toEqual({ 'venice_parameters.disable_thinking': true });
    expect(r.draft.request_params).toEqual({ venice_parameters: { enable_web_search: 'auto' }, top_k: 40 });
  });
});
