// The library entry's output boundary (src/index.ts boundedNow) when its own
// scrub throws: the call resolves to an `internal` failure, never a rejection
// and never the unscrubbed result, on the first parse (the front-end loads:
// the promise path) and on a later one (the front-end is loaded: the path
// with no promise on the way). The scrub is made to throw through a mock of
// the boundary module; every other export is the real one.
import { afterEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({ throwing: false }));

vi.mock('../src/secrets/boundary.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/secrets/boundary.js')>();
  return {
    ...real,
    scrubResult: <T,>(v: T): T => {
      if (state.throwing) throw new TypeError('scrub failed');
      return real.scrubResult(v);
    },
  };
});

const { parseExample, inspect } = await import('../src/index.js');

const CURL = `curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer $OPENAI_API_KEY" -d '{"model":"gpt-4o","messages":[]}'`;
const PY = 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model="gpt-4o", messages=[])\n';

afterEach(() => {
  state.throwing = false;
});

describe('a throw in the output scrub', () => {
  it('resolves to an internal failure on the promise path (front-end not loaded yet) and on the direct path', async () => {
    // Python first: its front-end loads on this call, so the parse returns a promise.
    state.throwing = true;
    const first = await parseExample(PY, { filename: 'x.py' });
    expect(first).toEqual({ ok: false, error: 'Internal error (TypeError); please report it.', code: 'internal' });
    // The same parse again: the front-end is loaded, the result comes with no promise on the way.
    const again = await parseExample(PY, { filename: 'x.py' });
    expect(again).toMatchObject({ ok: false, code: 'internal' });
    const shell = await inspect(CURL);
    expect(shell).toMatchObject({ ok: false, code: 'internal' });
  });

  it('leaves later calls unharmed: the next parse answers as usual', async () => {
    state.throwing = true;
    await parseExample(CURL);
    state.throwing = false;
    const r = await parseExample(CURL);
    expect(r).toMatchObject({ ok: true, draft: { upstream_model: 'gpt-4o', base_url: 'https://api.openai.com/v1' } });
  });
});
