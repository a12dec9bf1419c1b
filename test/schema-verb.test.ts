// `byok schema NAME` prints JSON Schemas generated from the zod schemas; the
// results the functions really return conform to those zod schemas; a new
// registry file's first line points editors at the schema shipped in schema/.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { add, addTemplate, get, listModels, remove, templates } from '../src/registry/index.js';
import { AddOk, GetOk, ListModelsOk, RemoveOk, TemplatesOk } from '../src/registry/results.js';
import { SCHEMA_NAMES, schemaFor } from '../src/schemas.js';
import { schemaLocation } from '../src/registry/store.js';

const ROOT = resolve(import.meta.dirname, '..');
const byok = (args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin/byok.js'), ...args], { encoding: 'utf8' });

describe('byok schema', () => {
  it('has a JSON Schema for every name', () => {
    for (const name of Object.keys(SCHEMA_NAMES)) {
      const s = schemaFor(name);
      expect(s?.$schema, name).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(JSON.parse(JSON.stringify(s))).toEqual(s);
    }
  });
  it('prints the schema itself (not wrapped in a result), exit 0', () => {
    for (const name of ['draft', 'result']) {
      const r = byok(['schema', name, '--compact']);
      expect(r.status, name).toBe(0);
      expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
      const s = JSON.parse(r.stdout);
      expect(s).toEqual(schemaFor(name));
      expect(s).not.toHaveProperty('ok');
    }
  });
  it('the add schema requires the stored fields and the registry schema is the shipped file', () => {
    const add = JSON.parse(byok(['schema', 'add']).stdout);
    expect(add.required).toEqual(expect.arrayContaining(['model_id', 'auth', 'headers', 'query', 'thinking_params', 'warnings', 'registry']));
    expect(JSON.parse(byok(['schema', 'registry']).stdout)).toEqual(JSON.parse(readFileSync(join(ROOT, 'schema/custom_models.schema.json'), 'utf8')));
  });
  it('lists the names without NAME and refuses an unknown one', () => {
    expect(JSON.parse(byok(['schema']).stdout).schemas).toHaveProperty('entry');
    expect(byok(['schema', 'nope']).status).toBe(2);
  });
});

describe('results conform to their schemas', () => {
  it('templates, add-template, add, list, get, remove', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'byok-schema-'));
    TemplatesOk.parse(await templates({ workspace }));
    const a = AddOk.parse(await addTemplate('deepseek', {}, { workspace }));
    AddOk.parse(await add({ upstream_model: 'm1', base_url: 'https://api.example.com/v1', headers: { 'X-A': 'b' } }, { workspace }));
    expect(ListModelsOk.parse(await listModels({ workspace })).count).toBe(2);
    expect(GetOk.parse(await get(a.model_id, { workspace })).model_id).toBe(a.model_id);
    RemoveOk.parse(await remove(a.model_id, { workspace }));
  });
  it("a new registry file's first line names the schema, which exists: relative inside the workspace, a file URL only from outside", async () => {
    const line = (ws: string) => {
      const first = readFileSync(join(ws, 'config/custom_models.yaml'), 'utf8').split('\n')[0];
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, first).not.toBeNull();
      return m![1];
    };
    // byok installed in the project (node_modules/byok): a relative path, the same in every clone.
    const project = mkdtempSync(join(tmpdir(), 'byok-schema-'));
    mkdirSync(join(project, 'node_modules/byok/schema'), { recursive: true });
    copyFileSync(join(ROOT, 'schema/custom_models.schema.json'), join(project, 'node_modules/byok/schema/custom_models.schema.json'));
    await addTemplate('deepseek', {}, { workspace: project });
    expect(line(project)).toBe('../node_modules/byok/schema/custom_models.schema.json');
    expect(existsSync(resolve(project, 'config', line(project)))).toBe(true);
    // A clone used as its own workspace: the clone's schema/, relative.
    expect(schemaLocation(ROOT)).toBe('../schema/custom_models.schema.json');
    expect(existsSync(resolve(ROOT, 'config', schemaLocation(ROOT)))).toBe(true);
    // byok run from outside the workspace (global install, npx from a path): the package's own file, by URL.
    const elsewhere = mkdtempSync(join(tmpdir(), 'byok-schema-'));
    await addTemplate('deepseek', {}, { workspace: elsewhere });
    expect(line(elsewhere)).toBe(pathToFileURL(join(ROOT, 'schema/custom_models.schema.json')).href);
    expect(existsSync(fileURLToPath(line(elsewhere)))).toBe(true);
  });

});
