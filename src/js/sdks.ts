// SDK knowledge (grammar/sdks.yaml, compiled) as the JavaScript walker asks
// for it: which SDK an imported name constructs or calls, and where a method
// sends its request. Names are `<module>:<export>` (see the conventions above
// the JavaScript entries in grammar/sdks.yaml). The data is vendor knowledge;
// this file only looks it up.
import data from '../generated/sdks.js';
import type { Sdk } from '../data/schemas.js';

export type SdkEntry = Sdk;

export const JS_SDKS: SdkEntry[] = (data.sdks as SdkEntry[]).filter((s) => s.language === 'javascript');

export interface Endpoint {
  path: string;
  method: 'GET' | 'POST';
  stream: boolean;
}

/**
 * Entries whose JavaScript request objects are camelCase while the wire is
 * snake_case (Speakeasy-generated SDKs: `maxTokens` goes out as `max_tokens`):
 * `body_case: snake` in grammar/sdks.yaml.
 */
export function snakeCaseBody(sdk: SdkEntry): boolean {
  return sdk.body_case === 'snake';
}

/** A Vercel AI SDK provider: its methods make models, `generateText` sends. */
export function isAiSdkProvider(sdk: SdkEntry): boolean {
  return sdk.id.startsWith('ai-sdk-') && sdk.id !== 'ai-sdk-core';
}

/** The module-qualified name as a constructor lookup accepts it: a CommonJS module object is its default export. */
function candidates(path: string): string[] {
  if (path.endsWith(':*')) return [path, path.slice(0, -2) + ':default'];
  // `import openai from "openai"; new openai.OpenAI()`: a named export reached through the default one.
  const m = /^(.*):default\.([\w$]+)$/.exec(path);
  if (m) return [path, `${m[1]}:${m[2]}`];
  return [path];
}

export function sdkByName(path: string, kinds: Array<SdkEntry['kind']>): SdkEntry | undefined {
  for (const p of candidates(path)) for (const s of JS_SDKS) if (kinds.includes(s.kind ?? 'client') && s.names.includes(p)) return s;
  return undefined;
}

/**
 * An SDK instance exported ready-made (`import { openai } from "@ai-sdk/openai"`):
 * a lower-case export not starting with `create`.
 */
export function instanceSdk(path: string): SdkEntry | undefined {
  const i = path.lastIndexOf(':');
  if (i < 0) return undefined;
  const name = path.slice(i + 1);
  if (!/^[a-z]/.test(name) || name.startsWith('create') || name === 'default') return undefined;
  return JS_SDKS.find((s) => (s.kind ?? 'client') === 'client' && s.names.includes(path));
}

/** Strips the wrappers that do not change the request (`beta.`). */
export function normaliseMethod(path: string[]): string {
  return path.filter((p) => p !== 'beta').join('.');
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

/**
 * For a call on a client the snippet never builds (`client.chat.completions.create(...)`
 * in a fragment): the SDK whose method table has that multi-segment method.
 */
export function fragmentSdk(path: string[]): { sdk: SdkEntry; method: string } | undefined {
  for (let start = 1; start < path.length - 1; start++) {
    const method = normaliseMethod(path.slice(start));
    if (!method.includes('.')) continue;
    for (const s of JS_SDKS) if ((s.kind ?? 'client') === 'client' && !isAiSdkProvider(s) && s.endpoints[method] !== undefined) return { sdk: s, method };
  }
  return undefined;
}

/** The AI SDK `providerOptions` key a provider reads (its id without `ai-sdk-`). */
export function providerOptionsKey(sdk: SdkEntry): string {
  return sdk.id.replace(/^ai-sdk-/, '');
}
