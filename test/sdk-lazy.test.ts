// The SDK bindings of a language load as an index plus the JSON text of each
// binding (src/generated/sdks-LANG.ts), and a binding is parsed only when a
// lookup picks it (src/sdk/data.ts): a paste uses one or two of ~80.
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.restoreAllMocks();
  vi.resetModules();
});

describe('lazy SDK bindings', () => {
  it('loading parses the index only, and a lookup parses the one binding it returns', async () => {
    vi.resetModules();
    const parsed: number[] = [];
    const real = JSON.parse;
    vi.spyOn(JSON, 'parse').mockImplementation((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
      parsed.push(String(text).length);
      return real(text, reviver);
    });
    const table = (await import('../src/generated/sdks-python.js')).default;
    const atLoad = parsed.reduce((a, b) => a + b, 0);
    expect(table.index.length).toBeGreaterThan(40);
    // The bindings' text is several times what the index holds, and none of it was parsed.
    expect(atLoad).toBeLessThan(table.text.length / 2);
    const data = await import('../src/sdk/data.js');
    data.useSdks('python', table);
    parsed.length = 0;
    const sdk = data.sdkByName('python', 'openai.OpenAI', ['client']);
    expect(sdk?.id).toBe('openai-python');
    expect(sdk?.endpoints['chat.completions.create']?.path).toBe('/chat/completions');
    expect(parsed).toHaveLength(1);
    // The same object on the next lookup, without parsing it again.
    expect(data.sdkById('openai-python')).toBe(sdk);
    expect(parsed).toHaveLength(1);
  });
});
