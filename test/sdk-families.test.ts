// The framework and gateway families of grammar/sdks/ that need more than
// "base URL + path": provider objects handed to a model class (pydantic-ai),
// a model object handed to an agent, routers named in their own warnings,
// modes (google-genai Vertex), nested option paths (LangChain.js
// `configuration.baseURL`), constructor keywords sent as headers (Portkey),
// REST-level clients (`client.path(...).post(...)`), AI SDK model strings.
// Each case is the request a reader of the vendor's docs expects.
import { describe, expect, it } from 'vitest';
import { renderWord, valueToJson } from '../src/call/model.js';
import { parseJavaScript } from '../src/js/index.js';
import { call, py } from './python-helpers.js';

function js(src: string) {
  const r = parseJavaScript(src, true);
  return {
    ...r,
    shown: r.calls.map((c) => ({ url: renderWord(c.url), headers: Object.fromEntries(c.headers.map((h) => [h.name, renderWord(h.value)])), body: c.body?.type === 'json' ? (valueToJson(c.body.value, true) as any) : null })),
    messages: r.warnings.map((w) => w.message),
  };
}

describe('routers name themselves in the unsupported-provider warning', () => {
  it('pydantic-ai', () => {
    const r = py('from pydantic_ai import Agent\nagent = Agent("bedrock:anthropic.claude-3-5-sonnet")\n');
    const m = r.warnings.find((w) => w.code === 'unsupported_client')?.message ?? '';
    expect(m).toContain("Pydantic AI's");
    expect(m).not.toContain('LiteLLM');
  });
  it('LiteLLM (smolagents uses LiteLLM routing)', () => {
    const r = py('from smolagents import LiteLLMModel\nm = LiteLLMModel(model_id="bedrock/anthropic.claude-3")\n');
    expect(r.warnings.find((w) => w.code === 'unsupported_client')?.message).toContain("LiteLLM's");
  });
  it('Mastra, for a prefix it has no route for', () => {
    const r = js('import { Agent } from "@mastra/core/agent";\nnew Agent({ name: "a", instructions: "b", model: "nosuchprovider/x" });\n');
    expect(r.messages.join(' ')).toContain("Mastra's given provider");
  });
});

describe('pydantic-ai model classes and provider objects', () => {
  it('Agent(model object) sends through the object: one call, at the provider root', () => {
    const r = py(
      'from pydantic_ai import Agent\nfrom pydantic_ai.models.openai import OpenAIChatModel\nfrom pydantic_ai.providers.deepseek import DeepSeekProvider\n' +
        'agent = Agent(OpenAIChatModel("deepseek-chat", provider=DeepSeekProvider(api_key=os.environ["DS"])), instructions="x")\n',
    );
    expect(r.shown.map((c) => c.url)).toEqual(['https://api.deepseek.com/chat/completions']);
    expect(r.shown[0].headers).toEqual({ Authorization: 'Bearer ${DS}' });
    expect(r.shown[0].body).toEqual({ model: 'deepseek-chat' });
  });
  it("a provider's client settings (http_client, openai_client) never reach the body", () => {
    const c = call(
      'from pydantic_ai.models.openai import OpenAIChatModel\nfrom pydantic_ai.providers.openai import OpenAIProvider\n' +
        'm = OpenAIChatModel("m1", provider=OpenAIProvider(base_url="https://llm.example.test/v1", http_client=client), settings={"temperature": 0})\n',
    );
    expect(c.url).toBe('https://llm.example.test/v1/chat/completions');
    expect(c.body).toEqual({ model: 'm1' });
  });
  it('a model class with no provider takes its default route', () => {
    const c = call('from pydantic_ai.models.openai import OpenAIChatModel\nm = OpenAIChatModel("gpt-4o")\n');
    expect(c.url).toBe('https://api.openai.com/v1/chat/completions');
    expect(c.headers).toEqual({ Authorization: 'Bearer ${OPENAI_API_KEY}' });
  });
});

describe('google-genai modes', () => {
  it('GOOGLE_GENAI_USE_VERTEXAI set by the paste switches to Vertex', () => {
    const c = call('import os\nfrom google import genai\nos.environ["GOOGLE_GENAI_USE_VERTEXAI"] = "true"\nclient = genai.Client(project="p1", location="us-east5")\nclient.models.generate_content(model="gemini-2.5-flash", contents="hi")\n');
    expect(c.url).toBe('https://us-east5-aiplatform.googleapis.com/v1/projects/p1/locations/us-east5/publishers/google/models/gemini-2.5-flash:generateContent');
  });
  it('vertexai=False stays on the Gemini API', () => {
    const c = call('from google import genai\nclient = genai.Client(vertexai=False)\nclient.models.generate_content(model="gemini-2.5-flash", contents="hi")\n');
    expect(c.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent');
  });
});

describe('JavaScript option paths, header arguments and REST clients', () => {
  it('LangChain.js reads configuration.basePath and configuration.defaultQuery (two levels deep)', () => {
    const r = js('import { ChatOpenAI } from "@langchain/openai";\nnew ChatOpenAI({ model: "m", configuration: { basePath: "https://h.test/v1", defaultQuery: { "api-version": "1" } } });\n');
    expect(r.shown[0].url).toBe('https://h.test/v1/chat/completions?api-version=1');
    expect(r.shown[0].body).toEqual({ model: 'm' });
  });
  it('Portkey: virtualKey and config become x-portkey-* headers', () => {
    const r = js('import Portkey from "portkey-ai";\nconst p = new Portkey({ apiKey: process.env.PK, virtualKey: process.env.VK, config: "pc-abc" });\nawait p.chat.completions.create({ model: "gpt-4o", messages: [] });\n');
    expect(r.shown[0].headers).toEqual({ 'x-portkey-api-key': '${PK}', 'x-portkey-virtual-key': '${VK}', 'x-portkey-config': 'pc-abc' });
  });
  it('@azure-rest/ai-inference: the path given to client.path() and the body member of post()', () => {
    const r = js('import ModelClient from "@azure-rest/ai-inference";\nconst c = ModelClient("https://x.services.ai.azure.com/models", new AzureKeyCredential(process.env.K));\nawait c.path("/chat/completions").post({ body: { model: "Phi-4", messages: [] }, queryParameters: { "api-version": "2024-05-01-preview" } });\n');
    expect(r.shown[0].url).toBe('https://x.services.ai.azure.com/models/chat/completions?api-version=2024-05-01-preview');
    expect(r.shown[0].headers).toEqual({ Authorization: 'Bearer ${K}' });
    expect(r.shown[0].body).toEqual({ model: 'Phi-4', messages: [] });
  });
  it('a Mastra agent given an AI SDK model object records no call of its own', () => {
    const r = js('import { Agent } from "@mastra/core/agent";\nimport { groq } from "@ai-sdk/groq";\nnew Agent({ name: "a", instructions: "b", model: groq("llama-3.3-70b-versatile") });\n');
    expect(r.shown.map((c) => c.url)).toEqual(['https://api.groq.com/openai/v1/chat/completions']);
  });
});
