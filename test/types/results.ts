// Compiled by test/types.test.ts with tsc against the built declarations
// (dist/index.d.ts): every result narrows on `ok`.
import { add, addTemplate, get, listModels, listVendorModels, parseExample, probe, remove, rename, templates, update, type AddResult, type ByokResult } from '../../dist/index.js';

export async function narrowing(): Promise<string[]> {
  const out: string[] = [];
  const r: AddResult = await add({ upstream_model: 'm', base_url: 'https://api.example.com/v1' });
  if (r.ok) out.push(r.model_id, r.registry, r.auth.in, r.headers['x'] ?? '', String(r.api_key_set));
  else out.push(r.error, r.code);
  const t = await addTemplate('deepseek');
  if (t.ok) out.push(t.model_id);
  const g = await get('custom/x-0000');
  if (g.ok) out.push(g.model_id, g.upstream_model, g.next_action ?? '');
  const l = await listModels();
  if (l.ok) out.push(...l.models.map((m) => m.model_id));
  const d = await remove('x');
  if (d.ok) out.push(d.status);
  const p = await parseExample('curl ...');
  if (p.ok) out.push(p.draft.wire);
  const tp = await templates();
  if (tp.ok) out.push(tp.templates[0].vendor);
  const lv = await listVendorModels('groq');
  if (lv.ok) out.push(lv.url, ...lv.models.map((m) => m.upstream_model), String(lv.models[0]?.pricing.input_usd));
  else out.push(lv.error);
  const pr = await probe('custom/x-0000');
  if (pr.ok) out.push(pr.diagnosis, String(pr.latency_ms));
  else out.push(pr.error);
  const up = await update('custom/x-0000', { name: 'n' });
  if (up.ok) out.push(up.status, ...up.changed, up.model_id);
  const rn = await rename('custom/x-0000', 'n');
  if (rn.ok) out.push(rn.name);
  const any: ByokResult = rn;
  if (any.ok) out.push('ok');
  return out;
}

export async function mustNotCompile(): Promise<unknown[]> {
  const r = await add({});
  const g = await get('x');
  return [
    // @ts-expect-error a failure has no model_id: narrow on ok first
    r.model_id,
    // @ts-expect-error a failure has no upstream_model
    g.upstream_model,
    // @ts-expect-error ok is a boolean literal, not a string
    r.ok === 'yes',
    // @ts-expect-error a catalog result has no model_id
    (await listVendorModels('groq')).model_id,
  ];
}
