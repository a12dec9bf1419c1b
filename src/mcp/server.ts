// `byok mcp`: the library functions as Model Context Protocol tools over
// stdio (official TypeScript SDK): templates, list_vendor_models,
// add_template, parse_example, add, update, rename, list_models, get, remove
// and probe. Input schemas are the zod schemas (names as DESIGN.md's MCP
// section lists); each tool returns the same JSON result as
// the CLI, as structuredContent and as text, scrubbed by the one output
// boundary. Tool descriptions carry the rules an agent must follow.
// Loaded only by the `mcp` verb: no other verb pays for the SDK.
// Guarantee: stdout carries only protocol messages; a tool never throws to
// the client — bad input is a `{ ok: false, error, code }` result.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';
import { parseExample } from '../api.js';
import { add, addTemplate, get, listModels, listVendorModels, remove, rename, templates, update, UpdateFields, type Options } from '../registry/index.js';
import { AddFields } from '../registry/entry.js';
import { rememberInput, scrubResult } from '../secrets/index.js';
import { rememberWorkspaceEnv } from '../secrets/dotenv.js';
import { fail } from '../result.js';

/** The rules every tool repeats, so an agent that reads one description knows them. */
export const AGENT_RULES =
  'Rules: prefer a curated vendor (`templates`, then `add_template`) over parsing an example; never accept, ask for or repeat an API key pasted in chat — keys live only in the workspace .env; when a result has need_env_input, call your host\'s secure-input tool with that payload (it writes the variable into .env), then call `get` to confirm api_key_set is true.';

export interface McpOptions {
  /** Workspace folder (from `byok mcp --workspace DIR`, else $BYOK_WORKSPACE, else the current folder). */
  workspace: string;
  /** The server's version, reported at initialize. */
  version: string;
}

type Json = { ok: boolean; [k: string]: unknown };

function toolResult(result: Json) {
  const clean = scrubResult(result) as Json;
  return {
    content: [{ type: 'text' as const, text: JSON.stringify(clean, null, 2) }],
    structuredContent: clean as Record<string, unknown>,
    isError: clean.ok === false,
  };
}

/**
 * Runs a tool body behind the output boundary: the arguments' secrets (key
 * shapes, credential-named fields, random-looking stretches) are remembered
 * first, and a key among them adds a `secret_redacted` warning to the result,
 * failed ones too; a thrown bug becomes an `internal` failure, never a
 * protocol error.
 */
async function guarded(args: unknown, fn: () => Promise<Json>) {
  const keys = rememberInput(args);
  let result: Json;
  try {
    result = await fn();
  } catch (e) {
    result = fail('internal', `Internal error (${(e as Error)?.name ?? 'Error'}); please report it.`);
  }
  if (keys) {
    const warning = { code: 'secret_redacted', message: 'An argument of this call holds what looks like an API key; it was not stored, but it has passed through this conversation: revoke it, and store a new key through the secure input.' };
    result = { ...result, warnings: [...(Array.isArray(result.warnings) ? result.warnings : []), warning] };
  }
  return toolResult(result);
}

/** add's fields (a partial draft) plus `draft`: a whole parse_example result or its draft. */
const AddInput = AddFields.extend({
  draft: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('A parse_example result (or its draft) to register; the other fields given override its fields. Its warnings are kept in the result.'),
});

/** Builds the server with every tool registered (not yet connected). */
export function createServer(opts: McpOptions): McpServer {
  // The workspace's .env is read again before every call: the host's secure-input tool writes it during a session.
  const run = (args: unknown, fn: () => Promise<Json>) => {
    rememberWorkspaceEnv(opts.workspace);
    return guarded(args, fn);
  };
  const reg: Options = { workspace: opts.workspace, invocation: { style: 'mcp' } };
  const server = new McpServer(
    { name: 'byok', version: opts.version },
    {
      instructions: `byok registers custom LLM chat models (base URL, model, wire protocol, where the key goes) in ${opts.workspace}/config/custom_models.yaml. ${AGENT_RULES}`,
    },
  );
  const readOnly = { readOnlyHint: true, openWorldHint: false };

  server.registerTool(
    'templates',
    {
      title: 'Curated vendor templates',
      description: `The curated vendor presets (base URL, wire, models, whether their key is set). Start here: if the user's vendor is listed, use add_template. ${AGENT_RULES}`,
      inputSchema: {},
      annotations: readOnly,
    },
    () => run({}, () => templates(reg)),
  );

  server.registerTool(
    'list_vendor_models',
    {
      title: 'A live model catalog',
      description: `Lists the models an endpoint serves now (its /models catalog), normalised, marking those in a curated template: for a curated or catalog-only vendor (vendor), a registered entry (model_id), or any base_url. Use it to check a model id before add_template with upstream_model. ${AGENT_RULES}`,
      inputSchema: {
        vendor: z.string().optional().describe('A vendor id, e.g. "openrouter" (see templates)'),
        model_id: z.string().optional().describe("A registered entry: read its base_url's /models with its auth"),
        base_url: z.string().optional().describe("Any endpoint: read {base_url}/models (with vendor: read that vendor's catalog from this root, loopback or its own host)"),
        api_key_env: z.string().optional().describe('With base_url: the variable holding its key (default CUSTOM_KEY_<HOST>); a key is only sent to its own host'),
        capability: z.enum(['vision', 'function_calling', 'reasoning', 'web_search']).optional().describe('Keep models known to have it'),
        max_input_usd: z.number().nonnegative().optional().describe('Keep models whose input price is known and at most this, in USD per 1M tokens'),
      },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    (args) =>
      run(args, () => {
        const { vendor, model_id, base_url, api_key_env, capability, max_input_usd } = args;
        return listVendorModels(vendor, { ...reg, modelId: model_id, baseUrl: base_url, apiKeyEnv: api_key_env, capability, maxInputUsd: max_input_usd });
      }),
  );

  server.registerTool(
    'add_template',
    {
      title: "Register a curated vendor's model",
      description: `One-step registration of a curated vendor's model (its default model unless upstream_model is given). The preferred way to add a model. ${AGENT_RULES}`,
      inputSchema: {
        vendor: z.string().describe('A vendor id from templates'),
        upstream_model: z.string().optional().describe("The model id (default: the template's default model)"),
        name: z.string().optional().describe('Display name'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) => run(args, () => addTemplate(args.vendor, { upstream_model: args.upstream_model, name: args.name }, reg)),
  );

  server.registerTool(
    'parse_example',
    {
      title: 'Parse an API example into a draft',
      description: `Turns an API example from a vendor's docs (curl, Python or JS/TS, as text) into a registration draft; any key in it is redacted and reported in a secret_redacted warning (tell the user to revoke it). Only for vendors templates does not cover. Pass the result to add as draft. ${AGENT_RULES}`,
      inputSchema: { api_example: z.string().describe('The example, as pasted (curl command, Python or JS/TS code)') },
      annotations: readOnly,
    },
    (args) => run(args, () => parseExample(args.api_example)),
  );

  server.registerTool(
    'add',
    {
      title: 'Register a custom model',
      description: `Registers a model from a parse_example result (draft) and/or fields (upstream_model and base_url at least). Registering the same base_url + upstream_model again updates the one entry. A placeholder left from the example (e.g. a header "<YOUR_SITE_URL>") is refused, naming the field: give a real value or leave it out. ${AGENT_RULES}`,
      inputSchema: AddInput.shape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      run(args, () => {
        const { draft, ...fields } = args as z.infer<typeof AddInput>;
        if (!draft) return add(fields, reg);
        const inner = draft.draft && typeof draft.draft === 'object' ? (draft.draft as Record<string, unknown>) : null;
        return add(inner ? { ...draft, draft: { ...inner, ...fields } } : { ...draft, ...fields }, reg);
      }),
  );

  server.registerTool(
    'list_models',
    {
      title: 'The registered models',
      description: `Every registered model with its fields and whether its key is set (api_key_set). ${AGENT_RULES}`,
      inputSchema: {},
      annotations: readOnly,
    },
    () => run({}, () => listModels(reg)),
  );

  server.registerTool(
    'get',
    {
      title: 'One registered model',
      description: `One registered model by model_id, and whether its key is set; while it is not, the result has need_env_input for your secure-input tool. ${AGENT_RULES}`,
      inputSchema: { model_id: z.string().describe('An id from list_models, e.g. "custom/deepseek-chat-1a2b"') },
      annotations: readOnly,
    },
    (args) => run(args, () => get(args.model_id, reg)),
  );

  server.registerTool(
    'update',
    {
      title: 'Change fields of a registered model',
      description: `Changes fields of a registered model in place (model_id stays): name, upstream_model, api_key_env, headers, query, thinking and request params, capabilities, max_tokens, param_policy. The endpoint (base_url, wire, auth) makes another entry: use add. ${AGENT_RULES}`,
      inputSchema: { model_id: z.string().describe('An id from list_models'), ...UpdateFields.shape },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) =>
      run(args, () => {
        const { model_id, ...fields } = args;
        return update(model_id, fields, reg);
      }),
  );

  server.registerTool(
    'rename',
    {
      title: 'Rename a registered model',
      description: `Gives a registered model a new display name; its model_id stays. ${AGENT_RULES}`,
      inputSchema: { model_id: z.string().describe('An id from list_models'), name: z.string().describe('The new display name') },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    (args) => run(args, () => rename(args.model_id, args.name, reg)),
  );

  server.registerTool(
    'remove',
    {
      title: 'Unregister a model',
      description: `Removes a registered model by model_id. Its key in .env is left alone (byok never writes .env). ${AGENT_RULES}`,
      inputSchema: { model_id: z.string().describe('An id from list_models') },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    (args) => run(args, () => remove(args.model_id, reg)),
  );

  server.registerTool(
    'probe',
    {
      title: 'Check that a registered model works',
      description: `Sends one minimal live chat call for a registered model (model_id) and diagnoses the answer: ok, auth, not_found (with the URL that would work), bad_param (naming it), rate_limited, timeout, tls, empty_content. Costs one tiny request on the user's key; run it after the key is set. ${AGENT_RULES}`,
      inputSchema: { model_id: z.string().describe('An id from list_models') },
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    (args) =>
      run(args, async () => {
        const { probe } = await import('../vendors/probe.js');
        return probe(args.model_id, reg);
      }),
  );

  return server;
}

/** Serves over stdin/stdout until the client closes the stream. */
export async function serveMcp(opts: McpOptions): Promise<void> {
  const server = createServer(opts);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((done) => {
    process.stdin.once('end', done);
    process.stdin.once('close', done);
  });
  await server.connect(transport);
  await closed;
  await server.close().catch(() => {});
}
