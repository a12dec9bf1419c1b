// schema/custom_models.schema.json is generated from the zod schema
// (scripts/gen-registry-schema.mjs); this test fails when it is stale.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registryJsonSchema } from '../src/registry/schema.js';

describe('custom_models.schema.json', () => {
  it('is up to date with src/registry/schema.ts (regenerate: npm run build && node scripts/gen-registry-schema.mjs)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'schema', 'custom_models.schema.json'), 'utf8');
    expect(committed).toBe(JSON.stringify(registryJsonSchema(), null, 2) + '\n');
  });

  it('describes entries with the fields DESIGN.md names', () => {
    const s = registryJsonSchema() as { properties: { models: { items: { properties: Record<string, unknown>; required: string[] } } } };
    const entry = s.properties.models.items;
    for (const f of ['id', 'name', 'vendor', 'upstream_model', 'base_url', 'wire', 'api_key_env', 'auth', 'headers', 'query', 'thinking_capability', 'thinking_mode', 'thinking_params', 'request_params', 'capabilities', 'max_tokens', 'param_policy', 'created_at', 'updated_at']) {
      expect(entry.properties, f).toHaveProperty(f);
    }
    expect(entry.required).toEqual(expect.arrayContaining(['id', 'upstream_model', 'base_url', 'wire', 'api_key_env', 'auth']));
  });
});
