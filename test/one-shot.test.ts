// src/one-shot.ts turns V8's optimizing compiler off for one big piece of
// one-shot work (the first read of a big registry after an edit) and must
// always turn it back on: after the work, after a throw, once for nested
// calls; never for small or huge inputs, nor when node was started with a JIT
// flag of its own.
import v8 from 'node:v8';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { allowOneShot, ONE_SHOT_MAX_CHARS, ONE_SHOT_MIN_CHARS, oneShot } from '../src/one-shot.js';

const BIG = ONE_SHOT_MIN_CHARS * 2;

function spy() {
  return vi.spyOn(v8, 'setFlagsFromString');
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('oneShot, in a process that did not allow it (a library caller, the MCP server)', () => {
  it('runs the work with the flags as they are', () => {
    allowOneShot(false);
    const s = spy();
    expect(oneShot(BIG, () => 7)).toBe(7);
    expect(s).not.toHaveBeenCalled();
  });
});

describe('oneShot, in a process that allowed it (the CLI)', () => {
  beforeEach(() => allowOneShot());
  afterAll(() => allowOneShot(false));

  it('turns TurboFan off for the work and back on after it, and returns what the work returns', () => {
    const s = spy();
    const seen: string[][] = [];
    expect(oneShot(BIG, () => (seen.push(s.mock.calls.map((c) => c[0])), 42))).toBe(42);
    expect(seen).toEqual([['--no-turbofan']]);
    expect(s.mock.calls.map((c) => c[0])).toEqual(['--no-turbofan', '--turbofan']);
  });

  it('turns it back on when the work throws', () => {
    const s = spy();
    expect(() =>
      oneShot(BIG, () => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(s.mock.calls.map((c) => c[0])).toEqual(['--no-turbofan', '--turbofan']);
  });

  it('changes the flag once for nested calls (the inner one does not turn it back on early)', () => {
    const s = spy();
    oneShot(BIG, () => oneShot(BIG, () => expect(s.mock.calls.map((c) => c[0])).toEqual(['--no-turbofan'])));
    expect(s.mock.calls.map((c) => c[0])).toEqual(['--no-turbofan', '--turbofan']);
  });

  it('leaves the flag alone for small and huge inputs', () => {
    const s = spy();
    expect(oneShot(ONE_SHOT_MIN_CHARS - 1, () => 'small')).toBe('small');
    expect(oneShot(ONE_SHOT_MAX_CHARS + 1, () => 'huge')).toBe('huge');
    expect(s).not.toHaveBeenCalled();
  });

  it('leaves the flag alone when node runs with a JIT flag of its own', () => {
    const s = spy();
    for (const flag of ['--jitless', '--no-opt', '--max-old-space-size=512 --turbofan', '--no-sparkplug']) {
      vi.stubEnv('NODE_OPTIONS', flag);
      expect(oneShot(BIG, () => 1)).toBe(1);
    }
    expect(s).not.toHaveBeenCalled();
    vi.stubEnv('NODE_OPTIONS', '--max-old-space-size=512');
    oneShot(BIG, () => 1);
    expect(s).toHaveBeenCalledTimes(2);
  });

  it('runs the work as usual when the flag cannot be set', () => {
    const s = spy().mockImplementation(() => {
      throw new Error('frozen');
    });
    expect(oneShot(BIG, () => 'ran')).toBe('ran');
    expect(s).toHaveBeenCalledTimes(1);
  });
});
