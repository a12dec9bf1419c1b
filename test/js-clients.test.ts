// The JavaScript front-end's clients: each HTTP library and SDK produces the
// request it would send (URL joined as the SDK joins it, its auth header, the
// key variable it reads by itself marked implicit, client_info for the
// extractor). Written as the request a reader would expect from the snippet.
import { describe, expect, it } from 'vitest';
import { renderWord, valueToJson, type EnvPart, type HttpCall } from '../src/call/model.js';
import { parseJavaScript } from '../src/js/index.js';
import { parseExample } from '../src/api.js';

interface Shown {
  client: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
  info?: HttpCall['client_info'];
  raw: HttpCall;
}
function show(c: HttpCall): Shown {
  return {
    client: c.client,
    method: c.method,
    url: renderWord(c.url),
    headers: Object.fromEntries(c.headers.map((h) => [h.name, renderWord(h.value)])),
    body: c.body === null ? null : c.body.type === 'json' ? valueToJson(c.body.value, true) : c.body,
    info: c.client_info,
    raw: c,
  };
}
function js(src: string, ts = false) {
  const r = parseJavaScript(src, ts);
  return { ...r, shown: r.calls.map(show), codes: r.warnings.map((w) => w.code) };
}
function call(src: string, ts = false): Shown {
  const r = parseJavaScript(src, ts);
  if (r.calls.length !== 1) throw new Error(`expected one call, got ${r.calls.length}: ${JSON.stringify(r.warnings)}`);
  return show(r.calls[0]);
}

describe('fetch', () => {
  it('object headers and a JSON.stringify body', () => {
    const c = call(
      'const res = await fetch("https://api.groq.com/openai/v1/chat/completions", {\n  method: "POST",\n  headers: { "Content-Type": "application/json", Authorization: `Bearer ${process.env.GROQ_API_KEY}` },\n  body: JSON.stringify({ model: "llama-3.3-70b-versatile", messages: [{ role: "user", content: "hi" }] }),\n});',
    );
    expect(c).toMatchObject({
      client: 'fetch',
      method: 'POST',
      url: 'https://api.groq.com/openai/v1/chat/completions',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ${GROQ_API_KEY}' },
      body: { model: 'llama-3.3-70b-versatile', messages: [{ role: 'user', content: 'hi' }] },
    });
    expect(c.info).toBeUndefined();
  });

  it('new Headers(...) with set/append, and new Request(...)', () => {
    const c = call('const h = new Headers({ "content-type": "application/json" });\nh.append("x-api-key", process.env.K);\nconst req = new Request("https://h.test/v1/messages", { method: "POST", headers: h, body: "{}" });\nawait fetch(req);');
    expect(c).toMatchObject({ method: 'POST', url: 'https://h.test/v1/messages', headers: { 'content-type': 'application/json', 'x-api-key': '${K}' }, body: {} });
  });

  it('defaults to GET without a body, and reads node-fetch imports', () => {
    expect(call('import fetch from "node-fetch";\nawait fetch("https://h.test/v1/models");')).toMatchObject({ method: 'GET', body: null });
  });
});

describe('axios', () => {
  it('axios.post(url, data, { headers })', () => {
    const c = call('import axios from "axios";\nawait axios.post("https://api.together.xyz/v1/chat/completions", { model: "m", top_k: 5 }, { headers: { Authorization: "Bearer " + process.env.TOGETHER_API_KEY } });');
    expect(c).toMatchObject({ client: 'axios', method: 'POST', url: 'https://api.together.xyz/v1/chat/completions', headers: { Authorization: 'Bearer ${TOGETHER_API_KEY}' }, body: { model: 'm', top_k: 5 } });
  });

  it('axios({ method, url, data, headers }) and CommonJS require', () => {
    const c = call('const axios = require("axios");\naxios({ method: "post", url: "https://api.x.ai/v1/chat/completions", data: { model: "grok-4" }, headers: { Authorization: `Bearer ${process.env.XAI_API_KEY}` } });');
    expect(c).toMatchObject({ method: 'POST', url: 'https://api.x.ai/v1/chat/completions', body: { model: 'grok-4' } });
  });

  it('axios.create({ baseURL, headers }) then .post(path, data), with defaults set later', () => {
    const c = call(
      'import axios from "axios";\nconst api = axios.create({ baseURL: "https://openrouter.ai/api/v1", headers: { Authorization: `Bearer ${process.env.OPENROUTER_API_KEY}` } });\napi.defaults.headers.common["HTTP-Referer"] = "https://example.test";\nawait api.post("/chat/completions", { model: "openai/gpt-4o" });',
    );
    expect(c).toMatchObject({
      url: 'https://openrouter.ai/api/v1/chat/completions',
      headers: { Authorization: 'Bearer ${OPENROUTER_API_KEY}', 'HTTP-Referer': 'https://example.test' },
      body: { model: 'openai/gpt-4o' },
    });
  });
});

describe('OpenAI Node SDK', () => {
  it('new OpenAI({ apiKey, baseURL, defaultHeaders, defaultQuery }) and chat.completions.create', () => {
    const c = call(
      'import OpenAI from "openai";\nconst client = new OpenAI({ apiKey: process.env.DEEPSEEK_API_KEY, baseURL: "https://api.deepseek.com/", defaultHeaders: { "X-Team": "a" }, defaultQuery: { v: "1" } });\nawait client.chat.completions.create({ model: "deepseek-chat", messages: [], thinking: { type: "enabled" } });',
    );
    expect(c).toMatchObject({
      client: 'openai-sdk',
      url: 'https://api.deepseek.com/chat/completions?v=1',
      headers: { Authorization: 'Bearer ${DEEPSEEK_API_KEY}', 'X-Team': 'a' },
      // Vendor fields sit in the params object and go to the body as they are (no extra_body in Node).
      body: { model: 'deepseek-chat', messages: [], thinking: { type: 'enabled' } },
      info: { sdk: 'openai-node', base_url_defaulted: false, key_defaulted: false },
    });
  });

  it('defaults: OPENAI_API_KEY read implicitly, https://api.openai.com/v1', () => {
    const c = call('import OpenAI from "openai";\nconst openai = new OpenAI();\nawait openai.chat.completions.create({ model: "gpt-4o", messages: [] });');
    expect(c.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(c.raw.headers[0].value.parts).toEqual([{ kind: 'lit', text: 'Bearer ' }, { kind: 'env', name: 'OPENAI_API_KEY', implicit: true }]);
    expect(c.info).toEqual({ sdk: 'openai-node', base_url_defaulted: true, key_defaulted: true });
  });

  it('OPENAI_BASE_URL set by the paste is used', () => {
    const c = call('export OPENAI_BASE_URL=https://h.test/v1\nimport OpenAI from "openai";\nnew OpenAI().chat.completions.create({ model: "m" });');
    expect((c.raw.url.parts[0] as EnvPart).assigned).toEqual([{ kind: 'lit', text: 'https://h.test/v1' }]);
  });

  it('responses.create, beta.chat.completions.parse, chat.completions.stream and request options', () => {
    const r = js(
      'import OpenAI from "openai";\nconst c = new OpenAI({ baseURL: "https://h.test/v1" });\nawait c.responses.create({ model: "m", input: "x", reasoning: { effort: "low" } });\nawait c.beta.chat.completions.parse({ model: "m", messages: [] });\nconst s = c.chat.completions.stream({ model: "m", messages: [] }, { headers: { "X-Req": "1" }, query: { q: "2" } });',
    );
    expect(r.shown.map((s) => s.url)).toEqual(['https://h.test/v1/responses', 'https://h.test/v1/chat/completions', 'https://h.test/v1/chat/completions?q=2']);
    expect(r.shown[2]).toMatchObject({ headers: { 'X-Req': '1' }, body: { model: 'm', messages: [], stream: true } });
    expect(r.codes).toContain('multiple_calls');
  });

  it('new AzureOpenAI({ endpoint, apiVersion, deployment })', () => {
    const c = call('import { AzureOpenAI } from "openai";\nconst client = new AzureOpenAI({ endpoint: "https://res.openai.azure.com/", apiKey: process.env.AZURE_KEY, apiVersion: "2024-10-21", deployment: "prod-4o" });\nawait client.chat.completions.create({ model: "gpt-4o", messages: [] });');
    expect(c).toMatchObject({ url: 'https://res.openai.azure.com/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21', headers: { 'api-key': '${AZURE_KEY}' } });
  });

  it('AzureOpenAI defaults: AZURE_OPENAI_ENDPOINT, OPENAI_API_VERSION, the model as deployment', () => {
    const r = js('import { AzureOpenAI } from "openai";\nconst client = new AzureOpenAI();\nawait client.chat.completions.create({ model: "dep", messages: [] });');
    expect(r.shown[0].url).toBe('${AZURE_OPENAI_ENDPOINT}/openai/deployments/dep/chat/completions?api-version=${OPENAI_API_VERSION}');
    expect(r.shown[0].headers).toEqual({ 'api-key': '${AZURE_OPENAI_API_KEY}' });
    expect(r.codes).toContain('env_base_url');
  });

  it('a client built but never called: its chat endpoint, with a no_call warning', () => {
    const r = js('import OpenAI from "openai";\nconst client = new OpenAI({ baseURL: "https://h.test/v1", apiKey: process.env.K });');
    expect(r.shown).toHaveLength(1);
    expect(r.shown[0]).toMatchObject({ url: 'https://h.test/v1/chat/completions', body: null });
    expect(r.codes).toContain('no_call');
  });

  it('a fragment with no client: empty URL, no auth header, no client_info', () => {
    const c = call('const completion = await client.chat.completions.create({ model: "m", messages: [] });');
    expect(c).toMatchObject({ client: 'openai-sdk', url: '', headers: {}, body: { model: 'm', messages: [] } });
    expect(c.info).toBeUndefined();
  });

  it('CommonJS and namespace forms of the constructor', () => {
    for (const src of [
      'const OpenAI = require("openai");\nconst c = new OpenAI({ baseURL: "https://h.test/v1" });',
      'const { OpenAI } = require("openai");\nconst c = new OpenAI({ baseURL: "https://h.test/v1" });',
      'import * as oa from "openai";\nconst c = new oa.OpenAI({ baseURL: "https://h.test/v1" });',
      'import openai from "openai";\nconst c = new openai.OpenAI({ baseURL: "https://h.test/v1" });',
      'import OpenAI = require("openai");\nconst c = new OpenAI({ baseURL: "https://h.test/v1" });',
    ])
      expect(call(`${src}\nc.chat.completions.create({ model: "m" });`, true).info?.sdk).toBe('openai-node');
  });

  it('a client made by a helper function, kept on this in a class, or wrapped', () => {
    expect(call('import OpenAI from "openai";\nfunction make() { return new OpenAI({ baseURL: "https://a.test/v1" }); }\nconst c = make();\nc.chat.completions.create({ model: "m" });').url).toBe('https://a.test/v1/chat/completions');
    expect(call('import OpenAI from "openai";\nclass Bot { constructor() { this.client = new OpenAI({ baseURL: "https://b.test/v1" }); }\n  ask() { return this.client.chat.completions.create({ model: "m" }); } }').url).toBe('https://b.test/v1/chat/completions');
    expect(call('import OpenAI from "openai";\nconst c = observeOpenAI(new OpenAI({ baseURL: "https://c.test/v1" }));\nc.chat.completions.create({ model: "m" });').url).toBe('https://c.test/v1/chat/completions');
  });
});

describe('Anthropic SDK', () => {
  it('new Anthropic({ apiKey, baseURL }) and messages.create', () => {
    const c = call('import Anthropic from "@anthropic-ai/sdk";\nconst a = new Anthropic({ apiKey: process.env.DEEPSEEK_API_KEY, baseURL: "https://api.deepseek.com/anthropic" });\nawait a.messages.create({ model: "deepseek-chat", max_tokens: 100, messages: [] });');
    expect(c).toMatchObject({ client: 'anthropic-sdk', url: 'https://api.deepseek.com/anthropic/v1/messages', headers: { 'x-api-key': '${DEEPSEEK_API_KEY}' } });
  });

  it('beta.messages.create({ betas }) sends the anthropic-beta header', () => {
    const c = call('import Anthropic from "@anthropic-ai/sdk";\nconst a = new Anthropic();\nawait a.beta.messages.create({ model: "claude-sonnet-4-5", max_tokens: 10, messages: [], betas: ["context-1m-2025-08-07", "x-2"] });');
    expect(c.headers).toEqual({ 'x-api-key': '${ANTHROPIC_API_KEY}', 'anthropic-beta': 'context-1m-2025-08-07,x-2' });
    expect(c.body).toEqual({ model: 'claude-sonnet-4-5', max_tokens: 10, messages: [] });
    expect(c.info).toEqual({ sdk: 'anthropic-node', base_url_defaulted: true, key_defaulted: true });
  });

  it('authToken goes as Authorization: Bearer', () => {
    const c = call('import Anthropic from "@anthropic-ai/sdk";\nnew Anthropic({ authToken: process.env.TOKEN }).messages.create({ model: "m", max_tokens: 1, messages: [] });');
    expect(c.headers).toEqual({ Authorization: 'Bearer ${TOKEN}' });
  });
});

describe('vendor SDKs with no URL in their docs', () => {
  it('@mistralai/mistralai: chat.complete, camelCase params sent as snake_case', () => {
    const c = call('import { Mistral } from "@mistralai/mistralai";\nconst client = new Mistral({ apiKey: process.env.MISTRAL_API_KEY });\nawait client.chat.complete({ model: "mistral-small-latest", maxTokens: 100, safePrompt: true, messages: [] });');
    expect(c).toMatchObject({ client: 'mistralai', url: 'https://api.mistral.ai/v1/chat/completions', headers: { Authorization: 'Bearer ${MISTRAL_API_KEY}' }, body: { model: 'mistral-small-latest', max_tokens: 100, safe_prompt: true, messages: [] } });
  });

  it.each([
    ['import Groq from "groq-sdk";\nconst g = new Groq();', 'https://api.groq.com/openai/v1/chat/completions', 'GROQ_API_KEY', 'groq-node'],
    ['import Together from "together-ai";\nconst g = new Together();', 'https://api.together.ai/v1/chat/completions', 'TOGETHER_API_KEY', 'together-node'],
    ['import Cerebras from "@cerebras/cerebras_cloud_sdk";\nconst g = new Cerebras();', 'https://api.cerebras.ai/v1/chat/completions', 'CEREBRAS_API_KEY', 'cerebras-node'],
  ])('%s', (ctor, url, keyEnv, sdk) => {
    const c = call(`${ctor}\nawait g.chat.completions.create({ model: "m", messages: [] });`);
    expect(c.url).toBe(url);
    expect(c.headers).toEqual({ Authorization: `Bearer \${${keyEnv}}` });
    expect(c.info).toEqual({ sdk, base_url_defaulted: true, key_defaulted: true });
  });

  it('an unknown SDK class given a baseURL is read as OpenAI-compatible, with a warning', () => {
    const r = js('const c = new AcmeLLM({ baseURL: "https://api.acme-llm.test/v1", apiKey: process.env.ACME_API_KEY });\nc.chat.completions.create({ model: "m" });');
    expect(r.shown[0].url).toBe('https://api.acme-llm.test/v1/chat/completions');
    expect(r.codes).toContain('unsupported_client');
  });
});

describe('Vercel AI SDK', () => {
  it('createOpenAICompatible + generateText: chat completions, providerOptions[name] in the body', () => {
    const c = call(
      'import { createOpenAICompatible } from "@ai-sdk/openai-compatible";\nimport { generateText } from "ai";\nconst p = createOpenAICompatible({ name: "venice", baseURL: "https://api.venice.ai/api/v1", apiKey: process.env.VENICE_API_KEY });\nawait generateText({ model: p("venice-uncensored"), system: "s", prompt: "hi", maxOutputTokens: 50, providerOptions: { venice: { venice_parameters: { enable_web_search: "on" } } } });',
    );
    expect(c).toMatchObject({
      client: 'vercel-ai-sdk',
      url: 'https://api.venice.ai/api/v1/chat/completions',
      headers: { Authorization: 'Bearer ${VENICE_API_KEY}' },
      body: { model: 'venice-uncensored', messages: [{ role: 'system', content: 's' }, { role: 'user', content: 'hi' }], max_tokens: 50, venice_parameters: { enable_web_search: 'on' } },
    });
  });

  it('@ai-sdk/openai: openai("id") is a Responses model, openai.chat("id") a chat one; streamText streams', () => {
    const r = js('import { openai, createOpenAI } from "@ai-sdk/openai";\nimport { streamText } from "ai";\nstreamText({ model: openai("gpt-5"), prompt: "x", providerOptions: { openai: { reasoningEffort: "low" } } });\nconst x = createOpenAI({ baseURL: "https://api.x.ai/v1", apiKey: process.env.XAI_API_KEY });\nstreamText({ model: x.chat("grok-4"), prompt: "y" });');
    expect(r.shown[0]).toMatchObject({ url: 'https://api.openai.com/v1/responses', body: { model: 'gpt-5', input: [{ role: 'user', content: 'x' }], stream: true, reasoning: { effort: 'low' } } });
    expect(r.shown[0].info).toMatchObject({ base_url_defaulted: true, key_defaulted: true });
    expect(r.shown[1]).toMatchObject({ url: 'https://api.x.ai/v1/chat/completions', headers: { Authorization: 'Bearer ${XAI_API_KEY}' }, body: { model: 'grok-4', stream: true } });
  });

  it('createAnthropic: Messages at {baseURL}/messages, thinking from providerOptions', () => {
    const c = call('import { createAnthropic } from "@ai-sdk/anthropic";\nimport { generateText } from "ai";\nconst a = createAnthropic({ baseURL: "https://api.minimax.io/anthropic/v1", apiKey: process.env.MINIMAX_API_KEY });\nawait generateText({ model: a("MiniMax-M2"), system: "s", messages: [{ role: "user", content: "x" }], providerOptions: { anthropic: { thinking: { type: "enabled", budgetTokens: 2048 } } } });');
    expect(c).toMatchObject({ client: 'vercel-ai-sdk-anthropic', url: 'https://api.minimax.io/anthropic/v1/messages', headers: { 'x-api-key': '${MINIMAX_API_KEY}' }, body: { model: 'MiniMax-M2', system: 's', thinking: { type: 'enabled', budget_tokens: 2048 } } });
  });

  it('vendor providers: the ready-made instance with its defaults, camelCase provider options as the provider renames them', () => {
    const c = call('import { groq } from "@ai-sdk/groq";\nimport { generateText } from "ai";\nawait generateText({ model: groq("qwen/qwen3-32b"), prompt: "x", providerOptions: { groq: { reasoningFormat: "parsed", reasoningEffort: "default" } } });');
    expect(c).toMatchObject({ url: 'https://api.groq.com/openai/v1/chat/completions', headers: { Authorization: 'Bearer ${GROQ_API_KEY}' }, body: { model: 'qwen/qwen3-32b', reasoning_format: 'parsed', reasoning_effort: 'default' } });
  });

  it('an AI SDK provider this parser does not know is reported', () => {
    const r = js('import { somevendor } from "@ai-sdk/somevendor";\nimport { generateText } from "ai";\nawait generateText({ model: somevendor("m"), prompt: "x" });');
    expect(r.calls).toEqual([]);
    expect(r.codes).toContain('unsupported_client');
  });

  it('a model built but never sent: its endpoint with the model, and a no_call warning', () => {
    const r = js('import { createOpenAICompatible } from "@ai-sdk/openai-compatible";\nconst p = createOpenAICompatible({ name: "x", baseURL: "https://h.test/v1" });\nexport const model = p.chatModel("m-1");');
    expect(r.shown).toHaveLength(1);
    expect(r.shown[0]).toMatchObject({ url: 'https://h.test/v1/chat/completions', body: { model: 'm-1' } });
    expect(r.codes).toContain('no_call');
  });

  it('a model given as a plain string goes through the AI Gateway (the binding the data names), its OpenAI-compatible API', () => {
    const c = call('import { generateText } from "ai";\nawait generateText({ model: "openai/gpt-4o", prompt: "x" });');
    expect(c).toMatchObject({ url: 'https://ai-gateway.vercel.sh/v1/chat/completions', headers: { Authorization: 'Bearer ${AI_GATEWAY_API_KEY}' } });
    expect((c.body as any).model).toBe('openai/gpt-4o');
  });
  it('a model string that is not literal is still reported, not guessed', () => {
    const r = js('import { generateText } from "ai";\nawait generateText({ model: pick(), prompt: "x" });');
    expect(r.calls).toEqual([]);
  });
});

describe('through the whole pipeline', () => {
  it('a TypeScript OpenAI SDK sample becomes a draft', async () => {
    const r: any = await parseExample('import OpenAI from "openai";\nconst client = new OpenAI({ baseURL: "https://api.deepseek.com", apiKey: process.env.DEEPSEEK_API_KEY! });\nconst c = await client.chat.completions.create({ model: "deepseek-chat", messages: [] as any[], reasoning_effort: "high" });\n', { filename: 'x.ts' });
    expect(r.ok).toBe(true);
    expect(r.draft).toMatchObject({ base_url: 'https://api.deepseek.com', upstream_model: 'deepseek-chat', wire: 'openai' });
    expect(r.detected).toMatchObject({ language: 'typescript', client: 'openai-sdk', key_env: 'DEEPSEEK_API_KEY' });
  });
});
