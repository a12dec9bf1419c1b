// The public library surface of byok, listed by name; everything else is
// private. Every function resolves to a plain JSON object with snake_case keys:
// `{ ok: true, ... }` or `{ ok: false, error, code }` (DESIGN.md).
// Every function passes the output boundary (src/secrets/boundary.ts): its
// arguments' secrets and the environment's key variables are remembered
// first, and its result is scrubbed of every secret the process has seen; an
// unexpected throw (a bug) resolves to `{ ok: false, code: 'internal' }`.
import * as api from './api.js';
import type * as Registry from './registry/index.js';
import type * as Probing from './vendors/probe.js';
import { rememberCallInput, rememberEnvironment, rememberInput, scrubResult } from './secrets/boundary.js';
import { ABSENT_RECHECK_MS, rememberWorkspaceEnv } from './secrets/dotenv.js';
import { openScanScope, scanScope } from './secrets/scan.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function bounded<F extends (...args: any[]) => Promise<unknown>>(fn: F): F {
  // In a scan scope: the input's scan here is the extractor's too (src/secrets/scan.ts scanScope).
  return ((...args: Parameters<F>) =>
    scanScope(async () => {
      rememberEnvironment();
      for (const a of args) rememberInput(a);
      // The workspace's .env (an options argument's `workspace`, else $BYOK_WORKSPACE or the current folder).
      const opts = args.find((a) => a && typeof a === 'object' && !Array.isArray(a) && typeof (a as { workspace?: unknown }).workspace === 'string') as { workspace?: string } | undefined;
      rememberWorkspaceEnv(opts?.workspace);
      try {
        return scrubResult(await fn(...args));
      } catch (e) {
        // A programmer error: reported as data (as the CLI does), never a throw that could carry input.
        return { ok: false, error: `Internal error (${(e as Error)?.name ?? 'Error'}); please report it.`, code: 'internal' };
      }
    })) as F;
}

/**
 * `bounded` for the parse functions (an input and an options object), with no
 * promise on the way when their front-end is loaded (src/api.ts `...Now`): the
 * same steps in the same order, one resolved promise at the end (never a
 * rejected one), and a workspace found without a `.env` trusted to have none
 * for ABSENT_RECHECK_MS (src/secrets/dotenv.ts). A library caller's first
 * hundred parses run before the JIT optimises this code, where each `await`
 * cost a few per cent of a short parse; so do the rest parameters, the spread
 * call and the callback a generic wrapper needs (a parse takes two arguments:
 * anything past them never reaches the parse, so it cannot reach an output).
 */
function boundedNow<I, O, R>(fn: (input: I, opts?: O) => api.Maybe<R>): (input: I, opts?: O) => Promise<R> {
  const internal = (e: unknown) => ({ ok: false, error: `Internal error (${(e as Error)?.name ?? 'Error'}); please report it.`, code: 'internal' }) as R;
  return (input: I, opts?: O) => {
    const close = openScanScope();
    try {
      rememberCallInput(input, opts);
      const ws = opts && typeof opts === 'object' && !Array.isArray(opts) ? (opts as { workspace?: unknown }).workspace : undefined;
      rememberWorkspaceEnv(typeof ws === 'string' ? ws : undefined, ABSENT_RECHECK_MS);
      const r = fn(input, opts);
      if (api.isPromiseLike(r))
        return r.then(
          (v) => {
            try {
              return scrubResult(v);
            } catch (e) {
              return internal(e);
            } finally {
              close();
            }
          },
          (e: unknown) => {
            close();
            return internal(e);
          },
        );
      const out = scrubResult(r);
      close();
      return Promise.resolve(out);
    } catch (e) {
      close();
      return Promise.resolve(internal(e));
    }
  };
}

export const parseExample: (text: string, opts?: api.ParseOptions) => Promise<import('./result.js').ParseExampleResult> = boundedNow(api.parseExampleNow);
export const inspect: (text: string, opts?: api.ParseOptions) => Promise<import('./result.js').InspectResult> = boundedNow(api.inspectNow);
export const parseExampleBytes: (bytes: Uint8Array, opts?: api.ParseOptions) => Promise<import('./result.js').ParseExampleResult> = boundedNow(api.parseExampleBytesNow);
export const inspectBytes: (bytes: Uint8Array, opts?: api.ParseOptions) => Promise<import('./result.js').InspectResult> = boundedNow(api.inspectBytesNow);
// The registry (yaml, its schemas) and the prober load on their first call, so that
// `import('byok')` for parsing alone does not pay for them.
const registry = () => import('./registry/index.js');
type R = typeof Registry;
export const templates = bounded(async (...a: Parameters<R['templates']>) => (await registry()).templates(...a));
export const listVendorModels = bounded(async (...a: Parameters<R['listVendorModels']>) => (await registry()).listVendorModels(...a));
export const addTemplate = bounded(async (...a: Parameters<R['addTemplate']>) => (await registry()).addTemplate(...a));
export const add = bounded(async (...a: Parameters<R['add']>) => (await registry()).add(...a));
export const listModels = bounded(async (...a: Parameters<R['listModels']>) => (await registry()).listModels(...a));
export const get = bounded(async (...a: Parameters<R['get']>) => (await registry()).get(...a));
export const update = bounded(async (...a: Parameters<R['update']>) => (await registry()).update(...a));
export const rename = bounded(async (...a: Parameters<R['rename']>) => (await registry()).rename(...a));
export const remove = bounded(async (...a: Parameters<R['remove']>) => (await registry()).remove(...a));
export const probe = bounded(async (...a: Parameters<typeof Probing.probe>) => (await import('./vendors/probe.js')).probe(...a));
export type { ProbeOptions } from './vendors/probe.js';
export type { CatalogModel, DiscoveryOptions } from './vendors/discovery.js';
export type { ParseOptions } from './api.js';
export type { Options } from './registry/index.js';
export { scrubResult, rememberSecret } from './secrets/boundary.js';
export type { Invocation } from './registry/commands.js';
export type { TemplateFields } from './registry/index.js';
export { KeyPrompt, TemplatesOk, AddOk, EntryView, ListModelsOk, GetOk, RemoveOk } from './registry/results.js';
export { UpdateOk } from './registry/results.js';
export type { TemplatesResult, AddResult, ListModelsResult, GetResult, RemoveResult, UpdateResult } from './registry/results.js';
export { ListVendorModelsOk, ListVendorModelsFailure, CatalogModelSchema, ProbeOk, ProbeFailed, Diagnosis } from './vendors/results.js';
export type { ListVendorModelsResult, ProbeResult } from './vendors/results.js';
export { Entry, RegistryFile } from './registry/schema.js';
export { ERROR_CODES } from './failure.js';
export { Draft, ParseExampleOk, InspectOk, Auth, Wire, Failure, ErrorCode, WarningSchema } from './result.js';
export type { ParseExampleResult, InspectResult } from './result.js';
/** Every result a byok function returns: narrow on `ok`, then on the fields. */
export type ByokResult =
  | import('./result.js').ParseExampleResult
  | import('./result.js').InspectResult
  | import('./registry/results.js').TemplatesResult
  | import('./vendors/results.js').ListVendorModelsResult
  | import('./registry/results.js').AddResult
  | import('./registry/results.js').UpdateResult
  | import('./registry/results.js').ListModelsResult
  | import('./registry/results.js').GetResult
  | import('./registry/results.js').RemoveResult
  | import('./vendors/results.js').ProbeResult;
export type { HttpCall, Word, Part, Value, FrontEndResult } from './call/model.js';
