// The registry verbs that only read: templates, list, get. Loads no zod and
// no yaml (list and get read the validated entries from the cache when the
// file has not changed; ./read.ts), so they start almost like node.
// Guarantee: the results are those the full registry module gave (it
// re-exports these functions: ./index.ts).
import { fail, type Failure } from '../failure.js';
import { hostOf, vendors } from '../vendors/load.js';
import { KeyLookup, resolveWorkspace } from './env.js';
import { quoteArgument, redactKeys } from '../secrets/index.js';
import { keyEnvForHost } from './ids.js';
import type { Entry } from './schema.js';
import { registryPath } from './file.js';
import { readEntries } from './read.js';
import { commandsFor, type Commands, type Invocation } from './commands.js';
import { entryKeyPrompt, entryView } from './view.js';
import type { GetResult, ListModelsResult, TemplatesResult } from './results.js';

export interface Options {
  /** Workspace folder: registry in DIR/config/custom_models.yaml, keys in DIR/.env (default $BYOK_WORKSPACE, else the current folder). */
  workspace?: string;
  /** How notes spell follow-up commands (CLI command and --workspace, or MCP tools). */
  invocation?: Invocation;
}

/** The workspace and the command speller for one call. */
export function context(opts: Options): { ws: string; cmd: Commands } {
  const ws = resolveWorkspace(opts.workspace);
  return { ws, cmd: commandsFor(opts.invocation, ws, opts.workspace !== undefined) };
}

export async function templates(opts: Options = {}): Promise<TemplatesResult> {
  const { ws, cmd } = context(opts);
  const keys = new KeyLookup(ws);
  const list = [...vendors().values()].map((v) => {
    const keyEnv = keyEnvForHost(hostOf(v.base_url));
    return {
      vendor: v.vendor,
      label: v.label,
      homepage: v.homepage,
      base_url: v.base_url,
      wire: v.wire,
      default_model: v.default_model,
      models: v.models.map((m) => ({
        id: m.id,
        label: m.label ?? m.id,
        thinking_capability: m.thinking_capability ?? v.thinking,
        thinking_mode: m.thinking_mode,
        capabilities: { ...v.capabilities, ...m.capabilities },
        ...(m.tee !== undefined ? { tee: m.tee } : {}),
        ...(m.note ? { note: m.note } : {}),
      })),
      supports_dynamic_models: v.model_discovery !== null,
      thinking_capability: v.thinking,
      api_key_env: keyEnv,
      api_key_set: keys.isSet(keyEnv),
      ...(v.note ? { note: v.note } : {}),
    };
  });
  return {
    ok: true,
    count: list.length,
    templates: list,
    note: `Register one with ${cmd('add-template', ['VENDOR'])} (add --upstream-model M for another of its models). A model outside a curated list is accepted only where supports_dynamic_models is true (see ${cmd('list-vendor-models', ['VENDOR'])}). Keys go in .env through your secure-input tool, never in chat.`,
  };
}

export async function listModels(opts: Options = {}): Promise<ListModelsResult> {
  const { ws } = context(opts);
  const reg = await readEntries(ws);
  if ('ok' in reg) return reg;
  const keys = new KeyLookup(ws);
  const models = reg.entries.map((e) => entryView(e, keys));
  return { ok: true, count: models.length, models };
}

export function findEntry(entries: Entry[], id: string): number {
  const want = String(id ?? '').trim();
  const i = entries.findIndex((e) => e.id === want);
  return i >= 0 ? i : entries.findIndex((e) => e.id === `custom/${want}`);
}

export function notFound(id: string, ws: string, cmd: Commands): Failure {
  return fail('not_found', redactKeys(`No entry ${quoteArgument(id, 'id')} in ${registryPath(ws)}; ${cmd('list')} shows the ids.`));
}

export async function get(id: string, opts: Options = {}): Promise<GetResult> {
  const { ws, cmd } = context(opts);
  const reg = await readEntries(ws);
  if ('ok' in reg) return reg;
  const i = findEntry(reg.entries, id);
  if (i < 0) return notFound(id, ws, cmd);
  const keys = new KeyLookup(ws);
  const e = reg.entries[i];
  return { ok: true, ...entryView(e, keys), ...(entryKeyPrompt(e, keys, cmd('get', [e.id])) ?? {}) } as GetResult;
}

