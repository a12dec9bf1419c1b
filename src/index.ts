// The public library surface of byok, listed by name; everything else is
// private. Every function resolves to a plain JSON object with snake_case keys:
// `{ ok: true, ... }` or `{ ok: false, error, code }` (DESIGN.md).
// Every function passes the output boundary (src/secrets/boundary.ts): its
// arguments' secrets and the environment's key variables are remembered
// first, and its result is scrubbed of every secret the process has seen.
import * as api from './api.js';
import * as registry from './registry/index.js';
import * as probing from './vendors/probe.js';
import { rememberEnvironment, rememberInput, scrubResult } from './secrets/boundary.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function bounded<F extends (...args: any[]) => Promise<unknown>>(fn: F): F {
  return (async (...args: Parameters<F>) => {
    rememberEnvironment();
    for (const a of args) rememberInput(a);
    return scrubResult(await fn(...args));
  }) as F;
}

export const parseExample = bounded(api.parseExample);
export const inspect = bounded(api.inspect);
export const parseExampleBytes = bounded(async (bytes: Uint8Array, opts?: api.ParseOptions) => api.parseExampleBytes(bytes, opts));
export const inspectBytes = bounded(async (bytes: Uint8Array, opts?: api.ParseOptions) => api.inspectBytes(bytes, opts));
export const templates = bounded(registry.templates);
export const listVendorModels = bounded(registry.listVendorModels);
export const addTemplate = bounded(registry.addTemplate);
export const add = bounded(registry.add);
export const listModels = bounded(registry.listModels);
export const get = bounded(registry.get);
export const remove = bounded(registry.remove);
export const probe = bounded(probing.probe);
export type { ProbeOptions, ProbeResult } from './vendors/probe.js';
export type { CatalogModel, DiscoveryOptions } from './vendors/discovery.js';
export type { ParseOptions } from './api.js';
export type { Options } from './registry/index.js';
export { scrubResult, rememberSecret } from './secrets/boundary.js';
export type { Invocation } from './registry/commands.js';
export type { TemplateFields } from './registry/index.js';
export { KeyPrompt, TemplatesOk, AddOk, EntryView, ListModelsOk, GetOk, RemoveOk } from './registry/results.js';
export type { TemplatesResult, AddResult, ListModelsResult, GetResult, RemoveResult } from './registry/results.js';
export { Entry, RegistryFile } from './registry/schema.js';
export { ERROR_CODES } from './failure.js';
export { Draft, ParseExampleOk, InspectOk, Auth, Wire, Failure, ErrorCode, WarningSchema } from './result.js';
export type { ParseExampleResult, InspectResult } from './result.js';
export type { HttpCall, Word, Part, Value, FrontEndResult } from './call/model.js';
