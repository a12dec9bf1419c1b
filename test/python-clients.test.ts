// Each client kind the Python front-end reads, as the request it would send:
// raw HTTP (requests, httpx, aiohttp, urllib, http.client), the OpenAI SDK
// (incl. Azure and the legacy module API), Anthropic, vendor SDKs with no URL
// in their docs, LangChain, LiteLLM; then client-only snippets, fragments and
// the paste's own environment (`export` lines, `os.environ[...] = ...`).
import { describe, expect, it } from 'vitest';
import { call, py } from './python-helpers.js';

describe('raw HTTP clients', () => {
  it('requests.post with json=, headers= and params=', () => {
    const c = call(`import requests, os
url = "https://api.h.test/v1/chat/completions"
headers = {"Content-Type": "application/json"}
headers["Authorization"] = f"Bearer {os.environ['HK']}"
requests.post(url, headers=headers, params={"api-version": "2024 01"}, json={"model": "m"})
`);
    expect(c).toMatchObject({
      client: 'requests',
      method: 'POST',
      url: 'https://api.h.test/v1/chat/completions?api-version=2024+01',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ${HK}' },
      body: { model: 'm' },
    });
    expect(c.info).toBeUndefined();
  });
  it('requests.request / requests.put and a Session with headers.update', () => {
    const r = py(`import requests
s = requests.Session()
s.headers.update({"x-api-key": "k"})
s.headers["anthropic-version"] = "2023-06-01"
s.request("POST", "https://h.test/v1/messages", json={"model": "c"})
requests.put("https://h.test/p", data="x")
`);
    expect(r.shown.map((c) => [c.method, c.url, c.headers])).toEqual([
      ['POST', 'https://h.test/v1/messages', { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }],
      ['PUT', 'https://h.test/p', {}],
    ]);
    expect(r.codes).toContain('multiple_calls');
  });
  it('httpx.Client(base_url=..., headers=...) used in a with block, relative path joined', () => {
    const c = call(`import httpx
with httpx.Client(base_url="https://h.test/v1/", headers={"Authorization": "Bearer t"}) as client:
    client.post("/chat/completions", json={"model": "m"})
`);
    expect([c.client, c.url, c.headers.Authorization]).toEqual(['httpx', 'https://h.test/v1/chat/completions', 'Bearer t']);
  });
  it('httpx.AsyncClient and client.stream("POST", ...)', () => {
    const c = call(`import httpx
async def go():
    async with httpx.AsyncClient() as client:
        async with client.stream("POST", "https://h.test/v1/chat/completions", json={"stream": True}) as r:
            pass
`);
    expect([c.client, c.method, c.url, c.body]).toEqual(['httpx', 'POST', 'https://h.test/v1/chat/completions', { stream: true }]);
  });
  it('aiohttp session post', () => {
    const c = call(`import aiohttp, os
async def main():
    async with aiohttp.ClientSession(headers={"x-api-key": os.getenv("AK")}) as session:
        async with session.post("https://h.test/v1/messages", json={"model": "c"}) as resp:
            return await resp.json()
`);
    expect([c.client, c.url, c.headers['x-api-key'], c.body]).toEqual(['aiohttp', 'https://h.test/v1/messages', '${AK}', { model: 'c' }]);
  });
  it('urllib.request.Request and http.client', () => {
    const r = py(`import json, urllib.request, http.client
req = urllib.request.Request("https://h.test/v1/chat/completions", data=json.dumps({"model": "u"}).encode(), headers={"Authorization": "Bearer x"})
conn = http.client.HTTPSConnection("h2.test")
conn.request("POST", "/v1/chat/completions", json.dumps({"model": "h"}), {"Authorization": "Bearer y"})
`);
    expect(r.shown.map((c) => [c.client, c.method, c.url, c.body])).toEqual([
      ['urllib', 'POST', 'https://h.test/v1/chat/completions', { model: 'u' }],
      ['http.client', 'POST', 'https://h2.test/v1/chat/completions', { model: 'h' }],
    ]);
  });
});

describe('OpenAI SDK', () => {
  it('defaults: base URL, key variable, auth header', () => {
    const c = call(`from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-x", messages=[])\n`);
    expect(c).toMatchObject({
      client: 'openai-sdk',
      url: 'https://api.openai.com/v1/chat/completions',
      headers: { Authorization: 'Bearer ${OPENAI_API_KEY}' },
      info: { sdk: 'openai-python', base_url_defaulted: true, key_defaulted: true },
    });
    expect(c.raw.headers[0].value.parts[1]).toEqual({ kind: 'env', name: 'OPENAI_API_KEY', implicit: true });
  });
  it('base_url trailing slash, extra_body merged, extra_headers/extra_query/timeout removed', () => {
    const c = call(`import openai
client = openai.OpenAI(base_url="http://localhost:11434/v1/", api_key="ollama", default_headers={"X-Title": "t"}, default_query={"a": "1"})
client.chat.completions.create(model="m", messages=[], temperature=0, timeout=30, extra_headers={"X-E": "e"}, extra_query={"b": "2"}, extra_body={"top_k": 20, "chat_template_kwargs": {"enable_thinking": False}})
`);
    expect(c.url).toBe('http://localhost:11434/v1/chat/completions?a=1&b=2');
    expect(c.headers).toEqual({ Authorization: 'Bearer ollama', 'X-Title': 't', 'X-E': 'e' });
    expect(c.body).toEqual({ model: 'm', messages: [], temperature: 0, top_k: 20, chat_template_kwargs: { enable_thinking: false } });
  });
  it('responses.create, beta...parse, completions, embeddings, models.list', () => {
    const r = py(`from openai import AsyncOpenAI
client = AsyncOpenAI(base_url="https://h.test/v1")
async def f():
    await client.responses.create(model="r", input="x")
    await client.beta.chat.completions.parse(model="p", messages=[], response_format=Answer)
    await client.chat.completions.with_raw_response.create(model="w", messages=[])
    await client.completions.create(model="c", prompt="x")
    await client.embeddings.create(model="e", input="x")
    await client.models.list()
`);
    expect(r.shown.map((c) => [c.method, c.url.replace('https://h.test/v1', '')])).toEqual([
      ['POST', '/responses'],
      ['POST', '/chat/completions'],
      ['POST', '/chat/completions'],
      ['POST', '/completions'],
      ['POST', '/embeddings'],
      ['GET', '/models'],
    ]);
    expect(r.shown[1].body).toEqual({ model: 'p', messages: [], response_format: '<unknown: Answer>' });
  });
  it('chat.completions.stream adds stream: true', () => {
    expect(call(`from openai import OpenAI\nwith OpenAI().chat.completions.stream(model="m", messages=[]) as s:\n    pass\n`).body).toEqual({ model: 'm', messages: [], stream: true });
  });
  it('a key passed as a literal stays a literal part (the extractor judges it)', () => {
    const c = call(`from openai import OpenAI\nOpenAI(api_key="YOUR_API_KEY").chat.completions.create(model="m", messages=[])\n`);
    expect(c.raw.headers[0].value.parts).toEqual([{ kind: 'lit', text: 'Bearer YOUR_API_KEY' }]);
    expect(c.info?.key_defaulted).toBe(false);
  });
  it('an unknown key expression gives an unknown part and a warning', () => {
    const r = py(`from openai import OpenAI\nclient = OpenAI(api_key=vault.read("k"))\nclient.chat.completions.create(model="m", messages=[])\n`);
    expect(r.shown[0].headers.Authorization).toBe('Bearer <?>');
    expect(r.codes).toContain('unknown_value');
  });
  it('with_options keeps the client and merges options', () => {
    const c = call(`from openai import OpenAI\nc = OpenAI(base_url="https://h.test/v1")\nc.with_options(timeout=5).chat.completions.create(model="m", messages=[])\n`);
    expect(c.url).toBe('https://h.test/v1/chat/completions');
  });
  it('a wrapper that returns the client it is given (instructor, langsmith)', () => {
    const c = call(`import instructor\nfrom openai import OpenAI\nclient = instructor.from_openai(OpenAI(base_url="https://h.test/v1"))\nclient.chat.completions.create(model="m", messages=[])\n`);
    expect(c.url).toBe('https://h.test/v1/chat/completions');
  });
  it('legacy module API: openai.api_base / openai.ChatCompletion.create', () => {
    const c = call(`import openai\nopenai.api_base = "https://h.test/v1"\nopenai.api_key = "k"\nopenai.ChatCompletion.create(model="m", messages=[])\n`);
    expect([c.url, c.headers.Authorization]).toEqual(['https://h.test/v1/chat/completions', 'Bearer k']);
  });
  it('module settings configure the module client, not OpenAI() instances', () => {
    const c = call(`import openai\nopenai.api_key = "k"\nclient = openai.OpenAI()\nclient.chat.completions.create(model="m", messages=[])\n`);
    expect(c.headers.Authorization).toBe('Bearer ${OPENAI_API_KEY}');
  });
  it('OPENAI_BASE_URL set by the paste is used, marked as assigned', () => {
    const r = py(`import os\nfrom openai import OpenAI\nos.environ["OPENAI_BASE_URL"] = "https://h.test/v1"\nOpenAI().chat.completions.create(model="m", messages=[])\n`);
    expect(r.calls[0].url.parts[0]).toEqual({ kind: 'env', name: 'OPENAI_BASE_URL', implicit: true, assigned: [{ kind: 'lit', text: 'https://h.test/v1' }] });
    expect(r.shown[0].info?.base_url_defaulted).toBe(false);
    expect(r.codes).toContain('env_base_url');
  });
  it('export lines above the code set the SDK variables', () => {
    const r = py(`export ANTHROPIC_BASE_URL=https://h.test/anthropic\nexport ANTHROPIC_API_KEY=\${YOUR_API_KEY}\n\nimport anthropic\nanthropic.Anthropic().messages.create(model="m", max_tokens=1, messages=[])\n`);
    expect(r.calls[0].url.parts).toEqual([
      { kind: 'env', name: 'ANTHROPIC_BASE_URL', implicit: true, assigned: [{ kind: 'lit', text: 'https://h.test/anthropic' }] },
      { kind: 'lit', text: '/v1/messages' },
    ]);
    expect(r.calls[0].headers[0].value.parts).toEqual([{ kind: 'env', name: 'ANTHROPIC_API_KEY', implicit: true, assigned: [{ kind: 'env', name: 'YOUR_API_KEY' }] }]);
    expect(r.assignments?.ANTHROPIC_BASE_URL).toEqual({ parts: [{ kind: 'lit', text: 'https://h.test/anthropic' }] });
  });
});

describe('Azure OpenAI', () => {
  it('AzureOpenAI(azure_endpoint, api_version) with the model as deployment', () => {
    const c = call(`from openai import AzureOpenAI\nclient = AzureOpenAI(azure_endpoint="https://r.openai.azure.com/", api_version="2024-10-21", api_key="k")\nclient.chat.completions.create(model="dep", messages=[])\n`);
    expect(c.url).toBe('https://r.openai.azure.com/openai/deployments/dep/chat/completions?api-version=2024-10-21');
    expect(c.headers).toEqual({ 'api-key': 'k' });
    expect(c.info?.sdk).toBe('azure-openai-python');
  });
  it('azure_deployment pins the deployment; the key defaults to AZURE_OPENAI_API_KEY', () => {
    const c = call(`from openai import AzureOpenAI\nclient = AzureOpenAI(azure_endpoint="https://r.openai.azure.com", azure_deployment="d1", api_version="v")\nclient.chat.completions.create(model="<ignored>", messages=[])\n`);
    expect([c.url, c.headers['api-key']]).toEqual(['https://r.openai.azure.com/openai/deployments/d1/chat/completions?api-version=v', '${AZURE_OPENAI_API_KEY}']);
  });
  it('an endpoint from the environment stays a reference; an AD token provider is a Bearer unknown', () => {
    const r = py(`import os\nfrom openai import AzureOpenAI\nclient = AzureOpenAI(azure_endpoint=os.environ["AZURE_OPENAI_ENDPOINT"], azure_ad_token_provider=provider, api_version="v")\nclient.chat.completions.create(model="d", messages=[])\n`);
    expect(r.shown[0].url).toBe('${AZURE_OPENAI_ENDPOINT}/openai/deployments/d/chat/completions?api-version=v');
    expect(r.shown[0].headers).toEqual({ Authorization: 'Bearer <?>' });
  });
  it("the v1 route through OpenAI(base_url='.../openai/v1/')", () => {
    expect(call(`from openai import OpenAI\nOpenAI(base_url="https://r.openai.azure.com/openai/v1/", api_key="k").chat.completions.create(model="m", messages=[])\n`).url).toBe(
      'https://r.openai.azure.com/openai/v1/chat/completions',
    );
  });
  it('legacy openai.api_type = "azure" with engine=', () => {
    const c = call(`import openai\nopenai.api_type = "azure"\nopenai.api_base = "https://r.openai.azure.com/"\nopenai.api_version = "2023-05-15"\nopenai.api_key = "k"\nopenai.ChatCompletion.create(engine="dep", messages=[])\n`);
    expect([c.url, c.headers]).toEqual(['https://r.openai.azure.com/openai/deployments/dep/chat/completions?api-version=2023-05-15', { 'api-key': 'k' }]);
    expect(c.body).toEqual({ messages: [] });
  });
});

describe('Anthropic SDK', () => {
  it('defaults, thinking, beta messages with betas as anthropic-beta', () => {
    const r = py(`import anthropic
client = anthropic.Anthropic()
client.messages.create(model="c", max_tokens=10, thinking={"type": "enabled", "budget_tokens": 1024}, messages=[])
client.beta.messages.create(model="c", max_tokens=10, messages=[], betas=["a-1", "b-2"], extra_headers={"X": "y"})
`);
    expect(r.shown[0]).toMatchObject({ client: 'anthropic-sdk', url: 'https://api.anthropic.com/v1/messages', headers: { 'x-api-key': '${ANTHROPIC_API_KEY}' } });
    expect(r.shown[0].body).toEqual({ model: 'c', max_tokens: 10, thinking: { type: 'enabled', budget_tokens: 1024 }, messages: [] });
    expect(r.shown[1].headers).toEqual({ 'x-api-key': '${ANTHROPIC_API_KEY}', X: 'y', 'anthropic-beta': 'a-1,b-2' });
    expect(r.shown[1].body).toEqual({ model: 'c', max_tokens: 10, messages: [] });
  });
  it('base_url without /v1, and auth_token as Bearer', () => {
    const c = call(`from anthropic import Anthropic\nAnthropic(base_url="https://h.test/anthropic/", auth_token="t").messages.create(model="m", max_tokens=1, messages=[])\n`);
    expect([c.url, c.headers]).toEqual(['https://h.test/anthropic/v1/messages', { Authorization: 'Bearer t' }]);
  });
  it('messages.stream adds stream: true', () => {
    expect(call(`from anthropic import Anthropic\nwith Anthropic().messages.stream(model="m", max_tokens=1, messages=[]) as s:\n    pass\n`).body).toMatchObject({ stream: true });
  });
});

describe('vendor SDKs whose docs show no URL', () => {
  it.each([
    ['from mistralai import Mistral\nc = Mistral(api_key=k)\nc.chat.complete(model="m", messages=[])', 'https://api.mistral.ai/v1/chat/completions', 'mistralai'],
    ['from mistralai.client import Mistral\nMistral().chat.stream(model="m", messages=[])', 'https://api.mistral.ai/v1/chat/completions', 'mistralai'],
    ['from groq import Groq\nGroq().chat.completions.create(model="m", messages=[])', 'https://api.groq.com/openai/v1/chat/completions', 'groq'],
    ['from together import Together\nTogether().chat.completions.create(model="m", messages=[])', 'https://api.together.xyz/v1/chat/completions', 'together'],
    ['from cerebras.cloud.sdk import Cerebras\nCerebras().chat.completions.create(model="m", messages=[])', 'https://api.cerebras.ai/v1/chat/completions', 'cerebras'],
    ['from zai import ZaiClient\nZaiClient(api_key="k").chat.completions.create(model="m", messages=[])', 'https://api.z.ai/api/paas/v4/chat/completions', 'zai'],
    ['from zai import ZhipuAiClient\nZhipuAiClient(api_key="k").chat.completions.create(model="m", messages=[])', 'https://open.bigmodel.cn/api/paas/v4/chat/completions', 'zai'],
    ['from zhipuai import ZhipuAI\nZhipuAI(api_key="k").chat.completions.create(model="m", messages=[])', 'https://open.bigmodel.cn/api/paas/v4/chat/completions', 'zhipuai'],
    ['from perplexity import Perplexity\nPerplexity().chat.completions.create(model="m", messages=[])', 'https://api.perplexity.ai/chat/completions', 'perplexity'],
    ['from huggingface_hub import InferenceClient\nInferenceClient(api_key="k").chat.completions.create(model="m", messages=[])', 'https://router.huggingface.co/v1/chat/completions', 'huggingface_hub'],
    ['from xai_sdk import Client\nClient().chat.create(model="grok-4")', 'https://api.x.ai/v1/chat/completions', 'xai_sdk'],
    ['import ollama\nollama.chat(model="llama3", messages=[], think=True)', 'http://localhost:11434/api/chat', 'ollama'],
    ['from google import genai\ngenai.Client().models.generate_content(model="gemini-x", contents="hi")', 'https://generativelanguage.googleapis.com/v1beta/models/gemini-x:generateContent', 'google-genai'],
    ['import dashscope\ndashscope.Generation.call(model="qwen-plus", messages=[])', 'https://dashscope.aliyuncs.com/api/v1/services/aigc/text-generation/generation', 'dashscope'],
  ])('%s', (src, url, client) => {
    const c = call(src + '\n');
    expect([c.url, c.client]).toEqual([url, client]);
  });
  it('the vendor SDK default key variable is the implicit key', () => {
    expect(call('from groq import Groq\nGroq().chat.completions.create(model="m", messages=[])\n').raw.headers[0].value.parts[1]).toEqual({ kind: 'env', name: 'GROQ_API_KEY', implicit: true });
  });
  it('google-genai config becomes generationConfig with camelCase fields', () => {
    const c = call(`from google import genai
from google.genai import types
genai.Client(api_key="k").models.generate_content(model="g", contents="hi", config=types.GenerateContentConfig(temperature=0.1, thinking_config=types.ThinkingConfig(thinking_budget=1024)))
`);
    expect(c.body).toEqual({ contents: [{ role: 'user', parts: [{ text: 'hi' }] }], generationConfig: { temperature: 0.1, thinkingConfig: { thinkingBudget: 1024 } } });
    expect(c.headers).toEqual({ 'x-goog-api-key': 'k' });
  });
});

describe('LangChain', () => {
  it('ChatOpenAI: constructing the model is the call; model_kwargs and extra_body merged', () => {
    const c = call(`from langchain_openai import ChatOpenAI
llm = ChatOpenAI(model_name="m", openai_api_base="https://h.test/v1", openai_api_key="k", temperature=0, max_retries=2, streaming=True, model_kwargs={"top_k": 5}, extra_body={"reasoning": {"effort": "low"}})
`);
    expect(c).toMatchObject({ client: 'langchain', url: 'https://h.test/v1/chat/completions', headers: { Authorization: 'Bearer k' } });
    expect(c.body).toEqual({ model: 'm', temperature: 0, top_k: 5, reasoning: { effort: 'low' } });
    expect(c.info).toEqual({ sdk: 'langchain-openai', base_url_defaulted: false, key_defaulted: false });
  });
  it('invoke does not add a second call; bind adds its fields', () => {
    const r = py(`from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model="m")\nllm = llm.bind(reasoning_effort="high")\nllm.invoke("hi")\n`);
    expect(r.shown.length).toBe(1);
    expect(r.shown[0].body).toEqual({ model: 'm', reasoning_effort: 'high' });
    expect(r.shown[0].url).toBe('https://api.openai.com/v1/chat/completions');
  });
  it('ChatAnthropic with thinking and betas', () => {
    const c = call(`from langchain_anthropic import ChatAnthropic\nChatAnthropic(model="c", max_tokens=100, thinking={"type": "enabled", "budget_tokens": 50}, betas=["b1"])\n`);
    expect([c.url, c.headers]).toEqual(['https://api.anthropic.com/v1/messages', { 'x-api-key': '${ANTHROPIC_API_KEY}', 'anthropic-beta': 'b1' }]);
    expect(c.body).toEqual({ model: 'c', max_tokens: 100, thinking: { type: 'enabled', budget_tokens: 50 } });
  });
  it('AzureChatOpenAI', () => {
    const c = call(`from langchain_openai import AzureChatOpenAI\nAzureChatOpenAI(azure_endpoint="https://r.openai.azure.com", azure_deployment="d", api_version="v", api_key="k")\n`);
    expect([c.url, c.headers]).toEqual(['https://r.openai.azure.com/openai/deployments/d/chat/completions?api-version=v', { 'api-key': 'k' }]);
  });
});

describe('other model wrappers', () => {
  it('init_chat_model with a provider prefix, model_provider=, or a provider inferred from the model', () => {
    const r = py(`from langchain.chat_models import init_chat_model
from pydantic import SecretStr
import os
a = init_chat_model("anthropic:claude-x", temperature=0)
b = init_chat_model("deepseek-chat", api_key=SecretStr(os.environ["DK"]))
c = init_chat_model(model="qwen3", model_provider="openai", base_url="http://localhost:8000/v1")
`);
    expect(r.shown.map((x) => [x.url, (x.body as { model: string }).model, x.info?.sdk])).toEqual([
      ['https://api.anthropic.com/v1/messages', 'claude-x', 'langchain-anthropic'],
      ['https://api.deepseek.com/chat/completions', 'deepseek-chat', 'langchain-deepseek'],
      ['http://localhost:8000/v1/chat/completions', 'qwen3', 'langchain-openai'],
    ]);
    expect(r.shown[1].headers.Authorization).toBe('Bearer ${DK}');
  });
  it('dspy.LM goes through LiteLLM; LlamaIndex OpenAILike is a chat model', () => {
    const r = py(`import dspy
lm = dspy.LM("openai/m1", api_base="https://h.test/v1", api_key="k")
from llama_index.llms.openai_like import OpenAILike
llm = OpenAILike(model="m2", api_base="https://h2.test/v1", api_key="k", is_chat_model=True, additional_kwargs={"top_k": 1})
`);
    expect(r.shown.map((x) => [x.client, x.url, x.body])).toEqual([
      ['litellm', 'https://h.test/v1/chat/completions', { model: 'm1' }],
      ['llama_index', 'https://h2.test/v1/chat/completions', { model: 'm2', top_k: 1 }],
    ]);
  });
  it('a class of the snippet: constructor arguments reach __init__, methods run with their arguments', () => {
    const r = py(`import os
from openai import OpenAI
class Bot:
    def __init__(self, api_key, base_url="https://h.test/v1", model="m4"):
        self.client = OpenAI(api_key=api_key, base_url=base_url)
        self.model = model
    def ask(self, prompt):
        return self.client.chat.completions.create(model=self.model, messages=[{"role": "user", "content": prompt}])
bot = Bot(api_key=os.environ["BK"])
bot.ask("hello")
`);
    expect(r.shown).toHaveLength(1);
    expect([r.shown[0].url, r.shown[0].headers.Authorization, r.shown[0].body]).toEqual([
      'https://h.test/v1/chat/completions',
      'Bearer ${BK}',
      { model: 'm4', messages: [{ role: 'user', content: 'hello' }] },
    ]);
    expect(r.calls[0].span).toEqual({ line: 8, column: 16 });
  });
  it('a module constant assigned below its use (notebook cells out of order)', () => {
    expect(call('from openai import OpenAI\nOpenAI().chat.completions.create(model=MODEL, messages=[])\nMODEL = "m3"\n').body).toEqual({ model: 'm3', messages: [] });
  });
  it('a base URL from an env var with a default keeps both', () => {
    const r = py('import os\nfrom openai import OpenAI\nOpenAI(base_url=os.getenv("LLM_BASE", "https://h.test/v1")).chat.completions.create(model="m", messages=[])\n');
    expect(r.calls[0].url.parts).toEqual([
      { kind: 'env', name: 'LLM_BASE', fallback: 'https://h.test/v1' },
      { kind: 'lit', text: '/chat/completions' },
    ]);
    expect(r.codes).toContain('env_base_url');
  });
});

describe('LiteLLM', () => {
  it('openai/ prefix with api_base: the prefix is stripped', () => {
    const c = call(`from litellm import completion\ncompletion(model="openai/qwen3", api_base="http://localhost:8000/v1", api_key="EMPTY", messages=[], extra_body={"top_k": 1})\n`);
    expect([c.client, c.url, c.headers, c.body]).toEqual(['litellm', 'http://localhost:8000/v1/chat/completions', { Authorization: 'Bearer EMPTY' }, { model: 'qwen3', messages: [], top_k: 1 }]);
  });
  it('anthropic/ goes to the Anthropic default; a provider prefix to its root', () => {
    const r = py(`import litellm\nlitellm.completion(model="anthropic/claude-x", messages=[])\nlitellm.completion(model="groq/llama", messages=[])\nlitellm.completion(model="gpt-4o", messages=[])\n`);
    expect(r.shown.map((c) => [c.url, c.body && (c.body as { model: string }).model])).toEqual([
      ['https://api.anthropic.com/v1/messages', 'claude-x'],
      ['https://api.groq.com/openai/v1/chat/completions', 'llama'],
      ['https://api.openai.com/v1/chat/completions', 'gpt-4o'],
    ]);
    expect(r.shown[0].headers).toEqual({ 'x-api-key': '${ANTHROPIC_API_KEY}' });
  });
  it('litellm.api_base module setting', () => {
    expect(call(`import litellm\nlitellm.api_base = "https://h.test/v1"\nlitellm.completion(model="openai/m", messages=[])\n`).url).toBe('https://h.test/v1/chat/completions');
  });
  it('an unsupported provider prefix leaves the URL empty with a warning', () => {
    const r = py(`import litellm\nlitellm.completion(model="bedrock/anthropic.claude", messages=[])\n`);
    expect(r.shown[0].url).toBe('');
    expect(r.codes).toContain('unsupported_client');
  });
});

describe('client-only snippets and fragments', () => {
  it('a client built but never called: its chat endpoint, no body, no_call', () => {
    const r = py(`import os, openai\nclient = openai.OpenAI(base_url="https://api.groq.com/openai/v1", api_key=os.environ.get("GROQ_API_KEY"))\n`);
    expect(r.shown).toHaveLength(1);
    expect([r.shown[0].url, r.shown[0].body, r.shown[0].headers.Authorization]).toEqual(['https://api.groq.com/openai/v1/chat/completions', null, 'Bearer ${GROQ_API_KEY}']);
    expect(r.codes).toContain('no_call');
  });
  it('two clients and no call: the first one', () => {
    const r = py(`from zai import ZaiClient, ZhipuAiClient\na = ZaiClient(api_key="k", base_url="https://api.z.ai/api/paas/v4/")\nb = ZhipuAiClient(api_key="k")\n`);
    expect(r.shown.map((c) => c.url)).toEqual(['https://api.z.ai/api/paas/v4/chat/completions']);
  });
  it('a call on a client the snippet never builds: empty URL, body kept, extra_body merged', () => {
    const r = py(`response = client.chat.completions.create(\nmodel="m",\n# ...\nreasoning_effort="high",\nextra_body={"thinking": {"type": "enabled"}}\n)\n`);
    expect(r.calls[0].url).toEqual({ parts: [] });
    expect(r.shown[0]).toMatchObject({ client: 'openai-sdk', headers: {}, body: { model: 'm', reasoning_effort: 'high', thinking: { type: 'enabled' } } });
    expect(r.calls[0].client_info).toBeUndefined();
  });
  it('fragments of messages.create are Anthropic-style', () => {
    expect(call('msg = client.messages.create(model="c", max_tokens=5, messages=[...])\n').client).toBe('anthropic-sdk');
  });
  it('half-pasted code: unquoted placeholders and unbalanced brackets still yield the call', () => {
    const r = py(`from openai import OpenAI\nclient = OpenAI(api_key=<YOUR_KEY>, base_url="https://h.test/v1")\nclient.chat.completions.create(\n    model="m",\n    messages=[...],\n`);
    expect(r.shown[0].url).toBe('https://h.test/v1/chat/completions');
    expect(r.shown[0].headers.Authorization).toBe('Bearer <YOUR_KEY>');
    expect(r.shown[0].body).toMatchObject({ model: 'm' });
    expect(r.codes).toContain('guessed_syntax');
  });
  it('markdown fences, %env and !pip lines are not Python and do not break the parse', () => {
    const r = py('```python\n!pip install openai\n%env OPENAI_BASE_URL=https://h.test/v1\nfrom openai import OpenAI\nOpenAI().chat.completions.create(model="m", messages=[])\n```\n');
    expect(r.codes).not.toContain('guessed_syntax');
    expect(r.calls[0].url.parts[0]).toMatchObject({ kind: 'env', name: 'OPENAI_BASE_URL', assigned: [{ kind: 'lit', text: 'https://h.test/v1' }] });
  });
  it('line numbers glued to the code are removed', () => {
    const r = py('1from openai import OpenAI\n2client = OpenAI(base_url="https://h.test/v1")\n3client.chat.completions.create(model="m", messages=[])\n');
    expect(r.shown[0].url).toBe('https://h.test/v1/chat/completions');
  });
  it('an unknown SDK class given a base_url is read as an OpenAI-compatible client, with a warning', () => {
    const r = py(`import os\nfrom acme_llm import AcmeLLM\nclient = AcmeLLM(api_key=os.environ["SK"], base_url="https://h.test/v1")\nclient.chat.completions.create(model="m", messages=[])\n`);
    expect([r.shown[0].client, r.shown[0].url, r.shown[0].headers.Authorization]).toEqual(['openai-compatible', 'https://h.test/v1/chat/completions', 'Bearer ${SK}']);
    expect(r.codes).toContain('unsupported_client');
  });
  it('an unsupported client is a warning, not a guess', () => {
    const r = py('from anthropic import AnthropicBedrock\nclient = AnthropicBedrock()\n');
    expect(r.codes).toContain('unsupported_client');
    expect(r.calls).toEqual([]);
  });
});
