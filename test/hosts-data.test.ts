// grammar/hosts.yaml: the vendor-host table the extractor resolves a request
// host against (first full match wins). These tests check the file against its
// schema and the other data files it names (thinking rules, key shapes, the
// curated vendor templates), that its URLs are clean roots, and that the host
// regexes never overlap: every sample host derived from an entry's regex is
// matched by that entry and by no other.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Hosts } from '../src/data/schemas.js';
import compiled from '../src/generated/hosts.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const readYaml = (rel: string): any => parse(readFileSync(join(root, rel), 'utf8'));

const raw = readYaml('grammar/hosts.yaml');
const hosts = Hosts.parse(raw).hosts;
const thinkingRuleIds = new Set<string>(readYaml('grammar/thinking.yaml').rules.map((r: { id: string }) => r.id));
const keyShapeIds = new Set<string>(readYaml('grammar/key-shapes.yaml').shapes.map((s: { id: string }) => s.id));

const anchored = (host: string) => new RegExp(`^(?:${host})$`);
const matchers = hosts.map((h) => anchored(h.host));
/** Index of the first entry whose host regex matches `host[:port]` in full (port-bound entries need their port), or -1. */
const resolveHost = (hostPort: string) => {
  const [host, port] = hostPort.split(':');
  return matchers.findIndex((re, k) => re.test(host) && (hosts[k].port === undefined || hosts[k].port === Number(port)));
};
const vendorOf = (host: string) => hosts[resolveHost(host)]?.vendor;

/**
 * Sample hosts for a host regex written in the subset hosts.yaml allows:
 * literals, `\.`-style escapes, `[...]` classes (optionally followed by + * ?),
 * and `(...)` / `(?:...)` groups with `|` alternatives (optionally followed by ?).
 * Every alternative and every optional branch gives its own sample. Anything
 * outside the subset throws, so a regex the generator cannot read fails the test.
 */
function samples(pattern: string): string[] {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`host regex ${JSON.stringify(pattern)}: ${why} at ${i}`);
  };
  const cross = (a: string[], b: string[]) => a.flatMap((x) => b.map((y) => x + y));
  const optional = (alts: string[]) => {
    if (pattern[i] === '?') {
      i++;
      return ['', ...alts];
    }
    return alts;
  };
  function classSample(body: string): string {
    const allowed = (c: string) => {
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          if (c >= body[k] && c <= body[k + 2]) return true;
          k += 2;
        } else if (body[k] === c) return true;
      }
      return false;
    };
    const pick = ['x', '1', 'a', '0'].find(allowed);
    return pick ?? fail(`cannot sample class [${body}]`);
  }
  function sequence(): string[] {
    let out = [''];
    while (i < pattern.length && pattern[i] !== '|' && pattern[i] !== ')') {
      const c = pattern[i];
      let alts: string[];
      if (c === '\\') {
        if (!/[.\-]/.test(pattern[i + 1] ?? '')) fail('only \\. and \\- escapes are allowed');
        alts = [pattern[i + 1]];
        i += 2;
      } else if (c === '[') {
        const end = pattern.indexOf(']', i);
        if (end < 0) fail('unclosed [');
        const one = classSample(pattern.slice(i + 1, end));
        i = end + 1;
        alts = [one];
        if (pattern[i] === '+' || pattern[i] === '*') i++;
        else alts = optional(alts);
      } else if (c === '(') {
        i += pattern.startsWith('(?:', i) ? 3 : 1;
        const inner = alternation();
        if (pattern[i] !== ')') fail('unclosed (');
        i++;
        alts = optional(inner);
      } else if (/[a-z0-9-]/.test(c)) {
        alts = [c];
        i++;
        if (pattern[i] === '?') {
          i++;
          alts = ['', c];
        }
      } else {
        fail(`unsupported character ${JSON.stringify(c)}`);
      }
      out = cross(out, alts!);
    }
    return out;
  }
  function alternation(): string[] {
    const out = sequence();
    while (pattern[i] === '|') {
      i++;
      out.push(...sequence());
    }
    return out;
  }
  const all = alternation();
  if (i !== pattern.length) fail('unbalanced )');
  return [...new Set(all)];
}

const httpsRoot = (u: string) => {
  const url = new URL(u);
  return (
    url.protocol === 'https:' &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash &&
    !u.endsWith('/') &&
    !u.includes('{') &&
    !u.includes('$')
  );
};

describe('grammar/hosts.yaml', () => {
  it('validates against the Hosts schema and is not empty', () => {
    expect(Hosts.safeParse(raw).success).toBe(true);
    expect(hosts.length).toBeGreaterThanOrEqual(40);
  });

  it('is what src/generated/hosts.ts holds (run node scripts/compile-data.mjs)', () => {
    expect(compiled).toEqual(raw);
  });

  it('names every entry with a kebab-case vendor id, a label and a source', () => {
    for (const h of hosts) {
      expect(h.vendor, h.host).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
      expect(h.label.trim(), h.host).not.toBe('');
      expect(h.source ?? '', h.host).toMatch(/\S/);
    }
  });

  it('has host regexes that compile and describe a lower-case host without scheme, port or path', () => {
    for (const h of hosts) {
      expect(() => anchored(h.host), h.host).not.toThrow();
      expect(h.host, 'no anchors: matching is already in full').not.toMatch(/^\^|\$$/);
      expect(h.host, 'lower-case only').toBe(h.host.toLowerCase());
      expect(h.host, 'host only').not.toMatch(/[/:]|https?/);
    }
  });

  it('matches each sample host with its own entry and with no other', () => {
    for (const [index, h] of hosts.entries()) {
      const hostSamples = samples(h.host);
      expect(hostSamples.length, h.host).toBeGreaterThan(0);
      for (const sample of hostSamples) {
        expect(sample, `sample of ${h.host}`).toMatch(/^[a-z0-9.-]+$/);
        // Entries bound to different ports (local servers on localhost) do not overlap.
        const matching = hosts.map((o, k) => (matchers[k].test(sample) && o.port === h.port ? `${k}:${o.host}` : null)).filter(Boolean);
        expect(matching, `sample host ${sample}`).toEqual([`${index}:${h.host}`]);
      }
    }
  });

  it('resolves well-known API hosts to the expected vendor', () => {
    const expected: Record<string, string> = {
      'api.anthropic.com': 'anthropic',
      'api.openai.com': 'openai',
      'api.x.ai': 'xai',
      'us-east-1.api.x.ai': 'xai',
      'generativelanguage.googleapis.com': 'gemini',
      'us-central1-aiplatform.googleapis.com': 'vertex-ai',
      'aiplatform.googleapis.com': 'vertex-ai',
      'api.deepseek.com': 'deepseek',
      'dashscope.aliyuncs.com': 'qwen',
      'dashscope-intl.aliyuncs.com': 'qwen',
      'api.moonshot.ai': 'kimi',
      'api.moonshot.cn': 'kimi',
      'api.xiaomimimo.com': 'mimo',
      'cloud-api.near.ai': 'near-ai',
      'qwen35-122b.completions.near.ai': 'near-ai',
      'api.venice.ai': 'venice',
      'api.llama.com': 'meta',
      'my-resource.openai.azure.com': 'azure-openai',
      'models.inference.ai.azure.com': 'github-models',
      'models.github.ai': 'github-models',
      'bedrock-runtime.us-west-2.amazonaws.com': 'bedrock',
      'openrouter.ai': 'openrouter',
      'api.groq.com': 'groq',
      'api.together.xyz': 'together',
      'api.fireworks.ai': 'fireworks',
      'api.cerebras.ai': 'cerebras',
      'api.mistral.ai': 'mistral',
      'api.perplexity.ai': 'perplexity',
      'api.z.ai': 'zai',
      'open.bigmodel.cn': 'zai',
      'api.minimax.io': 'minimax',
      'api.minimaxi.com': 'minimax',
      'api.siliconflow.cn': 'siliconflow',
      'api.deepinfra.com': 'deepinfra',
      'api.novita.ai': 'novita',
      'integrate.api.nvidia.com': 'nvidia',
      'router.huggingface.co': 'huggingface',
      'api.cohere.ai': 'cohere',
      'api.cloudflare.com': 'cloudflare',
    };
    Object.assign(expected, { 'localhost:11434': 'ollama', '127.0.0.1:8000': 'vllm', 'localhost:1234': 'lmstudio' });
    for (const [host, vendor] of Object.entries(expected)) expect(vendorOf(host), host).toBe(vendor);
    // Look-alikes and local servers are not vendor hosts.
    for (const host of ['api.deepseek.com.evil.example', 'xapi.openai.com', 'localhost', '127.0.0.1:9999', 'openai.azure.com']) {
      expect(vendorOf(host), host).toBeUndefined();
    }
  });

  it('names only thinking rules that grammar/thinking.yaml defines', () => {
    for (const h of hosts) if (typeof h.thinking === 'string') expect(thinkingRuleIds.has(h.thinking), `${h.host}: ${h.thinking}`).toBe(true);
  });

  it('names only key shapes that grammar/key-shapes.yaml defines', () => {
    for (const h of hosts) for (const id of h.key_shapes ?? []) expect(keyShapeIds.has(id), `${h.host}: ${id}`).toBe(true);
  });

  it('writes key variables as environment variable names', () => {
    for (const h of hosts) if (typeof h.key_env === 'string') expect(h.key_env, h.host).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  it('gives base URLs as https roots without trailing slash, query or placeholders, on a host of the same vendor', () => {
    for (const h of hosts) {
      for (const u of [h.openai_base_url, h.anthropic_base_url]) {
        if (u === undefined) continue;
        expect(httpsRoot(u), `${h.host}: ${u}`).toBe(true);
        expect(vendorOf(new URL(u).hostname), `${h.host}: ${u}`).toBe(h.vendor);
      }
      if (h.anthropic_base_url) expect(h.anthropic_base_url, 'the Anthropic SDK appends /v1/messages').not.toMatch(/\/v1$/);
    }
  });

  it('covers the curated vendors (gemma shares the gemini host)', () => {
    const vendors = new Set(hosts.map((h) => h.vendor));
    for (const v of ['anthropic', 'openai', 'xai', 'qwen', 'deepseek', 'kimi', 'mimo', 'gemini', 'near-ai', 'venice', 'meta']) {
      expect(vendors.has(v), v).toBe(true);
    }
  });

  it('agrees with each curated template in vendors/ on vendor and key variable', () => {
    const alias: Record<string, string> = { gemma: 'gemini' };
    const files = readdirSync(join(root, 'vendors')).filter((f) => /\.ya?ml$/.test(f));
    for (const f of files) {
      const t = readYaml(`vendors/${f}`);
      if (typeof t?.base_url !== 'string') continue;
      const entry = hosts[resolveHost(new URL(t.base_url).hostname)];
      expect(entry, `${f}: ${t.base_url}`).toBeDefined();
      expect(entry.vendor, f).toBe(alias[t.vendor] ?? t.vendor);
      if (t.key_env) expect(entry.key_env, f).toBe(t.key_env);
    }
  });
});

describe('the sample-host generator used above', () => {
  it('expands alternatives, optional groups and classes', () => {
    expect(samples('api\\.x\\.ai')).toEqual(['api.x.ai']);
    expect(samples('api\\.studio\\.nebius\\.(com|ai)')).toEqual(['api.studio.nebius.com', 'api.studio.nebius.ai']);
    expect(samples('([a-z0-9-]+-)?aiplatform\\.googleapis\\.com')).toEqual([
      'aiplatform.googleapis.com',
      'x-aiplatform.googleapis.com',
    ]);
  });
  it('refuses regex syntax outside the subset', () => {
    expect(() => samples('api\\.example\\.com|.*')).toThrow();
    expect(() => samples('api\\d\\.example\\.com')).toThrow();
  });
});
