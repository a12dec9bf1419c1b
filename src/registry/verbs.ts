// The registry's CLI verbs: templates, list-vendor-models, add-template, add,
// update, rename, list, get, remove, probe. Each turns argv into one call of ./index.ts (./read-verbs.ts for
// templates, list, get) and returns
// its JSON result; a wrong argument count or flag value is a `usage` failure
// (exit 2), never a guess. Which flags a verb takes is checked before, by the
// CLI's verb table (src/cli/verbs.ts).
import { fail, type Failure } from '../failure.js';
import * as reading from './read-verbs.js';
import type { AddFields } from './entry.js';
import type { Auth } from '../result.js';
import type { Invocation } from './commands.js';

/** The full registry module (yaml, zod): loaded only by the verbs that change the file (templates, list and get need neither). */
const registry = () => import('./index.js');

export interface VerbContext {
  workspace: string;
  /** How notes spell a call of byok (command, --workspace kept or not). */
  invocation?: Invocation;
  /** Reads FILE or `-` (stdin) as text; returns a Failure on error. */
  readInput(arg: string | undefined): Promise<{ text: string } | Failure>;
}

export type VerbResult = { ok: boolean; [k: string]: unknown };
type Flags = Record<string, string | boolean>;
type Handler = (args: string[], flags: Flags, ctx: VerbContext) => Promise<VerbResult>;

function checkArgs(verb: string, args: string[], n: number, what: string): Failure | null {
  if (args.length === n) return null;
  return fail('usage', n === 0 ? `${verb} takes no arguments.` : `${verb} takes ${what}; got ${args.length} argument${args.length === 1 ? '' : 's'}.`);
}

function str(flags: Flags, name: string): string | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : '';
}

function json(flags: Flags, name: string): { value?: unknown } | Failure {
  const raw = str(flags, name);
  if (raw === undefined) return {};
  try {
    return { value: JSON.parse(raw) };
  } catch {
    return fail('usage', `--${name} must be JSON, e.g. --${name} '{"x": 1}'.`);
  }
}

/** `--auth bearer|x-api-key|none|header:NAME[:Bearer|Basic]|query:NAME`. */
function parseAuth(raw: string): AddFields['auth'] | Failure {
  const s = raw.trim();
  const low = s.toLowerCase();
  if (low === 'none') return { in: 'none' };
  if (low === 'bearer') return { in: 'header', name: 'Authorization', scheme: 'Bearer' };
  if (low === 'x-api-key') return { in: 'header', name: 'x-api-key', scheme: null };
  const m = /^(header|query):([^:]+)(?::(Bearer|Basic))?$/i.exec(s);
  if (m && m[1].toLowerCase() === 'query' && !m[3]) return { in: 'query', name: m[2] };
  if (m && m[1].toLowerCase() === 'header') {
    const scheme = m[3] ? ((m[3][0].toUpperCase() + m[3].slice(1).toLowerCase()) as 'Bearer' | 'Basic') : null;
    return { in: 'header', name: m[2], scheme };
  }
  return fail('usage', '--auth must be bearer, x-api-key, none, header:NAME[:Bearer|Basic] or query:NAME.');
}

/** Flag values as draft fields; only the flags given are set, so they override a draft. */
function fieldsFromFlags(flags: Flags): Record<string, unknown> | Failure {
  const out: Record<string, unknown> = {};
  const direct: [string, string][] = [
    ['upstream-model', 'upstream_model'], ['base-url', 'base_url'], ['wire', 'wire'], ['name', 'name'],
    ['api-key-env', 'api_key_env'], ['thinking-capability', 'thinking_capability'], ['thinking-mode', 'thinking_mode'], ['vendor', 'vendor'],
  ];
  for (const [flag, field] of direct) {
    const v = str(flags, flag);
    if (v === undefined) continue;
    // An empty value is a mistake (an unset shell variable), never "use the default".
    if (!v.trim()) return fail('invalid_entry', `--${flag} is empty; give a value, or leave the flag out.`);
    out[field] = v;
  }
  const auth = str(flags, 'auth');
  if (auth !== undefined) {
    const a = parseAuth(auth);
    if (a && 'ok' in a) return a;
    out.auth = a;
    if (a && a.in === 'none') out.api_key_env = null;
  }
  for (const [flag, field] of [['headers', 'headers'], ['query', 'query'], ['thinking-params', 'thinking_params'], ['request-params', 'request_params'], ['capabilities', 'capabilities']] as const) {
    const j = json(flags, flag);
    if ('ok' in j) return j;
    if ('value' in j) out[field] = j.value;
  }
  const header = str(flags, 'header');
  if (header !== undefined) {
    const i = header.indexOf(':');
    if (i <= 0) return fail('usage', '--header takes "Name: value"; for several, use --headers \'{"A": "1", "B": "2"}\'.');
    out.headers = { ...((out.headers as Record<string, string>) ?? {}), [header.slice(0, i).trim()]: header.slice(i + 1).trim() };
  }
  const mt = str(flags, 'max-tokens');
  if (mt !== undefined) {
    if (!/^\d+$/.test(mt)) return fail('usage', '--max-tokens takes a positive whole number.');
    out.max_tokens = Number(mt);
  }
  const drop = json(flags, 'drop-params');
  if ('ok' in drop) return drop;
  if ('value' in drop) {
    if (!Array.isArray(drop.value) || !drop.value.every((x) => typeof x === 'string')) return fail('usage', '--drop-params takes a JSON list of request field names, e.g. --drop-params \'["temperature"]\'.');
    out.param_policy = { drop_params: drop.value };
  }
  return out;
}

/** The flags `update` takes (src/cli/verbs.ts lists them): add's field flags without the endpoint. */
const UPDATE_FLAGS = ['name', 'upstream-model', 'api-key-env', 'header', 'headers', 'query', 'thinking-capability', 'thinking-mode', 'thinking-params', 'request-params', 'capabilities', 'max-tokens', 'drop-params'];

export const registryVerbs: Record<string, Handler> = {
  async templates(args, flags, ctx) {
    return checkArgs('templates', args, 0, '') ?? reading.templates({ workspace: ctx.workspace, invocation: ctx.invocation });
  },

  async 'list-vendor-models'(args, flags, ctx) {
    if (args.length > 1) return fail('usage', `list-vendor-models takes at most one VENDOR; got ${args.length} arguments.`);
    const t = str(flags, 'timeout-ms');
    if (t !== undefined && !/^\d+$/.test(t)) return fail('usage', '--timeout-ms takes a whole number of milliseconds.');
    const price = str(flags, 'max-input-usd');
    if (price !== undefined && !/^\d+(\.\d+)?$/.test(price.trim())) return fail('usage', '--max-input-usd takes a price in USD per 1M input tokens, e.g. 1 or 0.5.');
    const authRaw = str(flags, 'auth');
    const auth = authRaw === undefined ? undefined : parseAuth(authRaw);
    if (auth && 'ok' in auth) return auth;
    return (await registry()).listVendorModels(args[0], {
      workspace: ctx.workspace,
      invocation: ctx.invocation,
      timeoutMs: t ? Number(t) : undefined,
      modelId: str(flags, 'model-id'),
      baseUrl: str(flags, 'base-url'),
      apiKeyEnv: str(flags, 'api-key-env'),
      auth: auth as Auth | undefined,
      capability: str(flags, 'capability'),
      maxInputUsd: price === undefined ? undefined : Number(price),
    });
  },

  async probe(args, flags, ctx) {
    const bad = checkArgs('probe', args, 1, 'one ID (see `byok list`)');
    if (bad) return bad;
    const t = str(flags, 'timeout-ms');
    if (t !== undefined && !/^\d+$/.test(t)) return fail('usage', '--timeout-ms takes a whole number of milliseconds.');
    const { probe } = await import('../vendors/probe.js');
    return probe(args[0], { workspace: ctx.workspace, invocation: ctx.invocation, timeoutMs: t ? Number(t) : undefined });
  },

  async 'add-template'(args, flags, ctx) {
    const bad = checkArgs('add-template', args, 1, 'one VENDOR (see `byok templates`)');
    if (bad) return bad;
    return (await registry()).addTemplate(args[0], { upstream_model: str(flags, 'upstream-model'), name: str(flags, 'name'), api_key_env: str(flags, 'api-key-env') }, { workspace: ctx.workspace, invocation: ctx.invocation });
  },

  async add(args, flags, ctx) {
    const bad = checkArgs('add', args, 0, '');
    if (bad) return bad;
    const overrides = fieldsFromFlags(flags);
    if ('ok' in overrides) return overrides as Failure;
    const src = str(flags, 'from-draft');
    if (src === undefined) {
      if (!overrides.upstream_model || !overrides.base_url) return fail('usage', 'add needs --upstream-model M and --base-url U, or --from-draft FILE|- with a parse-example result.');
      // Flags only: the registration core without zod or yaml on the common path (./register.ts).
      return (await import('./register.js')).add(overrides, { workspace: ctx.workspace, invocation: ctx.invocation });
    }
    const input = await ctx.readInput(src || '-');
    if ('ok' in input) return input;
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.text);
    } catch {
      return fail('invalid_entry', `The draft from ${src === '-' || !src ? 'standard input' : 'the file given'} is not JSON; pipe the output of \`byok parse-example\` into \`byok add --from-draft -\`.`);
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.keys(overrides).length) {
      const o = parsed as Record<string, unknown>;
      if (o.ok === false) return (await registry()).add(o, { workspace: ctx.workspace, invocation: ctx.invocation });
      const base = ('draft' in o && o.draft && typeof o.draft === 'object' ? o.draft : o) as Record<string, unknown>;
      // --header adds to (or replaces one of) the draft's headers; --headers replaces them all.
      if (str(flags, 'header') !== undefined && str(flags, 'headers') === undefined && base.headers && typeof base.headers === 'object')
        overrides.headers = { ...(base.headers as Record<string, string>), ...(overrides.headers as Record<string, string>) };
      parsed = base === o ? { ...o, ...overrides } : { ...o, draft: { ...base, ...overrides } };
    }
    return (await registry()).add(parsed, { workspace: ctx.workspace, invocation: ctx.invocation });
  },

  async list(args, flags, ctx) {
    return checkArgs('list', args, 0, '') ?? reading.listModels({ workspace: ctx.workspace, invocation: ctx.invocation });
  },

  async get(args, flags, ctx) {
    return checkArgs('get', args, 1, 'one ID (see `byok list`)') ?? reading.get(args[0], { workspace: ctx.workspace, invocation: ctx.invocation });
  },

  async update(args, flags, ctx) {
    const bad = checkArgs('update', args, 1, 'one ID (see `byok list`) and the fields to change');
    if (bad) return bad;
    const other = Object.keys(flags).find((k) => !UPDATE_FLAGS.includes(k) && flags[k] !== undefined && !['workspace', 'compact', 'pretty', 'help', 'version'].includes(k));
    if (other) return fail('usage', `update does not change --${other.slice(0, 40)}; register the other endpoint with \`byok add\` instead.`);
    const fields = fieldsFromFlags(flags);
    if ('ok' in fields) return fields as Failure;
    return (await registry()).update(args[0], fields, { workspace: ctx.workspace, invocation: ctx.invocation });
  },

  async rename(args, flags, ctx) {
    const bad = checkArgs('rename', args, 2, 'ID and NEW_NAME');
    if (bad) return bad;
    return (await registry()).rename(args[0], args[1], { workspace: ctx.workspace, invocation: ctx.invocation });
  },

  async remove(args, flags, ctx) {
    return checkArgs('remove', args, 1, 'one ID (see `byok list`)') ?? (await registry()).remove(args[0], { workspace: ctx.workspace, invocation: ctx.invocation });
  },
};
