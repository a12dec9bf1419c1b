// LiteLLM `provider/model` prefixes that are data only (grammar/sdks/*.yaml
// `routes:` and grammar/sdks/litellm.yaml): each prefix gives the provider's root
// and key variable as LiteLLM's own config reads them, upstream_model drops the
// prefix, and `api_base` overrides the root.
import { describe, expect, it } from 'vitest';
import { parseExample } from '../src/api.js';

const draft = async (model: string, extra = '') => {
  const r: any = await parseExample(`from litellm import completion\nresponse = completion(model="${model}", messages=[{"role": "user", "content": "hi"}]${extra})\n`);
  if (!r.ok) throw new Error(`${r.code}: ${r.error}`);
  return [r.draft.base_url, r.draft.upstream_model, r.draft.wire, r.detected.key_env];
};

describe('LiteLLM provider prefixes added as data', () => {
  it.each([
    ['nscale/meta-llama/Llama-4-Scout-17B-16E-Instruct', 'https://inference.api.nscale.com/v1', 'meta-llama/Llama-4-Scout-17B-16E-Instruct', 'NSCALE_API_KEY'],
    ['novita/deepseek/deepseek-r1', 'https://api.novita.ai/v3/openai', 'deepseek/deepseek-r1', 'NOVITA_API_KEY'],
    ['hyperbolic/deepseek-ai/DeepSeek-V3', 'https://api.hyperbolic.xyz/v1', 'deepseek-ai/DeepSeek-V3', 'HYPERBOLIC_API_KEY'],
    ['lambda_ai/llama3.1-8b-instruct', 'https://api.lambda.ai/v1', 'llama3.1-8b-instruct', 'LAMBDA_API_KEY'],
    ['featherless_ai/featherless-ai/Qwerky-72B', 'https://api.featherless.ai/v1', 'featherless-ai/Qwerky-72B', 'FEATHERLESS_API_KEY'],
    ['nebius/Qwen/Qwen3-235B-A22B', 'https://api.studio.nebius.ai/v1', 'Qwen/Qwen3-235B-A22B', 'NEBIUS_API_KEY'],
    ['friendliai/meta-llama-3.1-8b-instruct', 'https://api.friendli.ai/serverless/v1', 'meta-llama-3.1-8b-instruct', 'FRIENDLIAI_API_KEY'],
    ['galadriel/llama3.1', 'https://api.galadriel.com/v1', 'llama3.1', 'GALADRIEL_API_KEY'],
    ['ai21_chat/jamba-large', 'https://api.ai21.com/studio/v1', 'jamba-large', 'AI21_API_KEY'],
    ['zai/glm-4.7', 'https://api.z.ai/api/paas/v4', 'glm-4.7', 'ZAI_API_KEY'],
    ['minimax/MiniMax-M2', 'https://api.minimax.io/v1', 'MiniMax-M2', 'MINIMAX_API_KEY'],
    ['veniceai/venice-uncensored', 'https://api.venice.ai/api/v1', 'venice-uncensored', 'VENICE_AI_API_KEY'],
    ['xiaomi_mimo/mimo-v2-flash', 'https://api.xiaomimimo.com/v1', 'mimo-v2-flash', 'XIAOMI_MIMO_API_KEY'],
    ['scaleway/llama-3.3-70b-instruct', 'https://api.scaleway.ai/v1', 'llama-3.3-70b-instruct', 'SCW_SECRET_KEY'],
    ['chutes/deepseek-ai/DeepSeek-V3', 'https://llm.chutes.ai/v1', 'deepseek-ai/DeepSeek-V3', 'CHUTES_API_KEY'],
    ['reka/reka-flash-3', 'https://api.reka.ai/v1', 'reka-flash-3', 'REKA_API_KEY'],
    ['helicone/gpt-4o-mini', 'https://ai-gateway.helicone.ai', 'gpt-4o-mini', 'HELICONE_API_KEY'],
  ])('%s', async (model, base, upstream, key) => {
    expect(await draft(model)).toEqual([base, upstream, 'openai', key]);
  });
  it('api_base overrides the prefix root; the key variable stays the provider one', async () => {
    expect(await draft('nscale/m', ', api_base="https://proxy.example.com/v1"')).toEqual(['https://proxy.example.com/v1', 'm', 'openai', 'NSCALE_API_KEY']);
  });
});

describe('a prefix LiteLLM does not know', () => {
  it('keeps the whole model id on the default provider and warns, without quoting the prefix', async () => {
    const r: any = await parseExample('from litellm import completion\nresponse = completion(model="frobnicate/some-model", api_base="https://api.example.com/v1", messages=[])\n');
    expect(r.ok).toBe(true);
    expect([r.draft.base_url, r.draft.upstream_model]).toEqual(['https://api.example.com/v1', 'frobnicate/some-model']);
    const w = r.warnings.find((x: { code: string }) => x.code === 'unknown_value');
    expect(w?.message).toMatch(/LiteLLM .*does not know that provider/);
    expect(w?.message).not.toContain('frobnicate');
  });
  it('a known prefix and a model without one give no such warning', async () => {
    for (const model of ['reka/reka-flash-3', 'gpt-4o']) {
      const r: any = await parseExample(`from litellm import completion\nresponse = completion(model="${model}", messages=[])\n`);
      expect(r.warnings.map((x: { message: string }) => x.message).join(' ')).not.toMatch(/does not know that provider/);
    }
  });
});
