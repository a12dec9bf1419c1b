// SDK knowledge (grammar/sdks.yaml, compiled) as the Python walker asks for
// it: which SDK a qualified name constructs or calls, and where a method sends
// its request. The data is vendor knowledge; this file only looks it up.
import data from '../generated/sdks.js';
import type { LitellmProvider, Sdk } from '../data/schemas.js';

export type SdkEntry = Sdk;

export const PY_SDKS: SdkEntry[] = (data.sdks as SdkEntry[]).filter((s) => s.language === 'python');
export const LITELLM_PROVIDERS = data.litellm_providers as LitellmProvider[];

export interface Endpoint {
  path: string;
  method: 'GET' | 'POST';
  stream: boolean;
}

/**
 * True when the qualified name `path` (as the imports resolve it) names
 * `name`: exactly, or in another submodule of the same package
 * (`mistralai.client.Mistral` for `mistralai.Mistral`).
 */
export function nameMatches(path: string, name: string): boolean {
  if (path === name) return true;
  const a = path.split('.');
  const b = name.split('.');
  if (a.length < 2 || b.length < 2) return false;
  return a[0] === b[0] && a[a.length - 1] === b[b.length - 1];
}

export function sdkByName(path: string, kinds: Array<SdkEntry['kind']>): SdkEntry | undefined {
  for (const s of PY_SDKS) if (kinds.includes(s.kind ?? 'client') && s.names.some((n) => nameMatches(path, n))) return s;
  return undefined;
}

/** Strips the wrappers that do not change the request (`beta.`, `with_raw_response.`...). */
export function normaliseMethod(path: string[]): string {
  return path.filter((p) => !['beta', 'aio', 'with_raw_response', 'with_streaming_response'].includes(p)).join('.');
}

export function endpointOf(sdk: SdkEntry, method: string): Endpoint | undefined {
  const e = sdk.endpoints[method];
  if (e === undefined) return undefined;
  if (typeof e === 'string') return { path: e, method: 'POST', stream: false };
  return { path: e.path, method: e.method ?? 'POST', stream: e.stream ?? false };
}

export function chatEndpoint(sdk: SdkEntry): Endpoint {
  return { path: sdk.chat_endpoint, method: 'POST', stream: false };
}

/** The SDK whose module functions the qualified name reaches (`openai.chat.completions.create`). */
export function moduleSdk(path: string): { sdk: SdkEntry; method: string } | undefined {
  for (const s of PY_SDKS) {
    const m = s.module?.name;
    if (!m || !path.startsWith(m + '.')) continue;
    const method = normaliseMethod(path.slice(m.length + 1).split('.'));
    if (s.endpoints[method] !== undefined) return { sdk: s, method };
  }
  return undefined;
}

/**
 * For a call on a client the snippet never builds (`client.chat.completions.create(...)`
 * in a fragment): the SDK whose method table has that multi-segment method.
 */
export function fragmentSdk(path: string[]): { sdk: SdkEntry; method: string } | undefined {
  for (let start = 1; start < path.length - 1; start++) {
    const method = normaliseMethod(path.slice(start));
    if (!method.includes('.')) continue;
    for (const s of PY_SDKS) if ((s.kind ?? 'client') === 'client' && s.endpoints[method] !== undefined) return { sdk: s, method };
  }
  return undefined;
}

export function litellmProvider(prefix: string): LitellmProvider | undefined {
  return LITELLM_PROVIDERS.find((p) => p.prefix === prefix);
}
