// `byok mcp` driven over stdio as a client would: initialize, tools/list with
// input schemas, tools/call parse_example on a fixture, add with its draft,
// add_template and get — each result the same JSON as the CLI, as
// structuredContent and as text.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddOk, GetOk, UpdateOk } from '../src/registry/results.js';
import { ParseExampleOk } from '../src/result.js';
import { generateKey, leaks } from './helpers/keys.js';

const ROOT = resolve(import.meta.dirname, '..');
const ws = mkdtempSync(join(tmpdir(), 'byok-mcp-'));
let client: Client;

type CallResult = { structuredContent?: Record<string, unknown>; content: { type: string; text: string }[]; isError?: boolean };
async function call(name: string, args: Record<string, unknown> = {}) {
  const r = (await client.callTool({ name, arguments: args })) as CallResult;
  // The text and the structured content are the same JSON.
  expect(JSON.parse(r.content[0].text)).toEqual(r.structuredContent);
  expect(r.isError).toBe(r.structuredContent?.ok === false);
  return r.structuredContent as Record<string, unknown> & { ok: boolean };
}

beforeAll(async () => {
  // A key in the server's environment must never reach a result.
  writeFileSync(join(ws, '.env'), '');
  client = new Client({ name: 'byok-test', version: '0.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [join(ROOT, 'bin/byok.js'), 'mcp', '--workspace', ws], stderr: 'pipe', env: { PATH: process.env.PATH ?? '' } }));
});
afterAll(async () => {
  await client?.close();
});

describe('byok mcp', () => {
  it('initializes with its name, version and the agent rules', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(client.getServerVersion()).toMatchObject({ name: 'byok', version: pkg.version });
    expect(client.getInstructions()).toMatch(/never accept.*key.*chat/i);
  });

  it('lists every tool with a JSON Schema input and the rules in its description', async () => {
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    expect(Object.keys(byName).sort()).toEqual(['add', 'add_template', 'get', 'list_models', 'list_vendor_models', 'parse_example', 'probe', 'remove', 'rename', 'templates', 'update'].sort());
    for (const t of tools) {
      expect(t.inputSchema.type).toBe('object');
      expect(t.description).toMatch(/curated vendor/);
      expect(t.description).toMatch(/need_env_input.*secure-input tool/);
    }
    expect(byName.parse_example.inputSchema.required).toEqual(['api_example']);
    expect(byName.get.inputSchema.required).toEqual(['model_id']);
    expect(byName.add_template.inputSchema.required).toEqual(['vendor']);
    expect(Object.keys(byName.add_template.inputSchema.properties ?? {}).sort()).toEqual(['name', 'upstream_model', 'vendor']);
    expect(byName.add.inputSchema.properties).toHaveProperty('upstream_model');
    expect(byName.add.inputSchema.properties).toHaveProperty('draft');
  });

  it('parse_example on a fixture returns the CLI draft; add registers it keeping the warnings', async () => {
    const text = readFileSync(join(ROOT, 'fixtures/deepseek/chat-thinking-export.sh'), 'utf8');
    const parsed = ParseExampleOk.parse(await call('parse_example', { api_example: text }));
    expect(parsed.draft).toMatchObject({ base_url: 'https://api.deepseek.com', wire: 'openai' });
    const added = AddOk.parse(await call('add', { draft: parsed }));
    expect(added.base_url).toBe('https://api.deepseek.com');
    expect(added.registry).toBe(join(ws, 'config/custom_models.yaml'));
  });

  it('parse_example redacts a literal key, and add refuses a placeholder header naming it', async () => {
    const key = generateKey('openrouter');
    const example = `curl https://openrouter.ai/api/v1/chat/completions -H "Authorization: Bearer ${key}" -H "X-Title: <YOUR_SITE_NAME>" -d '{"model": "openai/gpt-4o"}'`;
    const parsed = await call('parse_example', { api_example: example });
    expect(parsed.ok).toBe(true);
    const refused = await call('add', { draft: parsed });
    expect(refused).toMatchObject({ ok: false, code: 'invalid_entry' });
    // The field is named and the placeholder quoted; the header's name survives the output
    // boundary even though a literal key stood just before it in the same paste.
    expect(String(refused.error)).toMatch(/^headers\.X-Title holds the placeholder "<YOUR_SITE_NAME>"/);
    expect((refused.warnings as { code: string }[]).map((w) => w.code)).toContain('secret_redacted');
    const fixed = await call('add', { draft: parsed, headers: {} });
    expect(fixed.ok).toBe(true);
    expect(leaks(JSON.stringify([parsed, refused, fixed]), [key])).toEqual([]);
  });

  it('add_template then get: need_env_input until the key is set, next_action names the get tool', async () => {
    const added = AddOk.parse(await call('add_template', { vendor: 'deepseek' }));
    expect(added.vendor).toBe('deepseek');
    expect(added.need_env_input?.env_vars[0].key).toBe(added.api_key_env);
    expect(added.next_action).toContain(`the \`get\` tool with {"model_id":"${added.model_id}"}`);
    const got = GetOk.parse(await call('get', { model_id: added.model_id }));
    expect(got).toMatchObject({ model_id: added.model_id, api_key_set: false });
    writeFileSync(join(ws, '.env'), `${added.api_key_env}=${generateKey('generic-sk')}\n`);
    const after = await call('get', { model_id: added.model_id });
    expect(after).toMatchObject({ ok: true, api_key_set: true });
    expect(after).not.toHaveProperty('need_env_input');
  });

  it('bad input is a failure result, not a protocol error', async () => {
    expect(await call('get', { model_id: 'custom/nope-0000' })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await call('add_template', { vendor: 'no-such-vendor' })).toMatchObject({ ok: false, code: 'unknown_vendor' });
    const r = (await client.callTool({ name: 'get', arguments: {} })) as CallResult;
    expect(r.isError).toBe(true);
  });

  it('update and rename change an entry in place; their inputs are the zod fields', async () => {
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map((t) => [t.name, t]));
    expect(byName.update.inputSchema.required).toEqual(['model_id']);
    expect(Object.keys(byName.update.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['model_id', 'name', 'upstream_model', 'thinking_mode', 'headers']));
    expect(byName.update.inputSchema.properties).not.toHaveProperty('base_url');
    expect(byName.rename.inputSchema.required?.slice().sort()).toEqual(['model_id', 'name']);
    const added = AddOk.parse(await call('add_template', { vendor: 'deepseek', upstream_model: 'deepseek-reasoner' }));
    const updated = UpdateOk.parse(await call('update', { model_id: added.model_id, thinking_mode: 'disabled' }));
    expect(updated).toMatchObject({ status: 'updated', model_id: added.model_id, thinking_mode: 'disabled' });
    expect(updated.changed).toContain('thinking_mode');
    const renamed = UpdateOk.parse(await call('rename', { model_id: added.model_id, name: 'Reasoner, no thinking' }));
    expect(renamed).toMatchObject({ model_id: added.model_id, name: 'Reasoner, no thinking', changed: ['name'] });
    expect(await call('update', { model_id: added.model_id, base_url: 'https://elsewhere.example/v1' })).toMatchObject({ ok: false });
  });

  it('list_models and remove', async () => {
    const list = await call('list_models');
    const models = list.models as { model_id: string }[];
    expect(models.length).toBeGreaterThanOrEqual(2);
    const removed = await call('remove', { model_id: models[0].model_id });
    expect(removed).toMatchObject({ ok: true, status: 'removed' });
    expect(((await call('list_models')).models as unknown[]).length).toBe(models.length - 1);
  });
});
