// The registry's pure checks remember their answers per string (a registry
// repeats its base URLs and header values from entry to entry): asked again,
// and past the memo's bound, each answers what it answered the first time,
// problems and throws included.
import { describe, expect, it } from 'vitest';
import { identityOf, normalizeBaseUrl } from '../src/registry/ids.js';
import { checkBaseUrl, checkHeader } from '../src/registry/validate.js';

const URLS = ['https://api.example.com/v1', 'HTTPS://API.Example.com/v1//', 'http://localhost:8080/', 'http://api.example.com/v1', 'ftp://x.y/', 'https://u:p@x.y/v1', 'https://x.y/v1?key=1', 'not a url', ''];
const HEADERS: [string, unknown][] = [['X-Title', 'my app'], ['X-Title', 'caf\u00e9'], ['Authorization', 'Bearer x'], ['X-Gateway-Key', '${GATEWAY_KEY}'], ['Bad Name', 'v'], ['X-Title', 1], ['X-Long', 'x'.repeat(5000)]];

const outcome = (f: () => unknown) => {
  try {
    return { value: f() };
  } catch (e) {
    return { threw: (e as Error).name };
  }
};

describe('remembered checks answer as they did the first time', () => {
  it('normalizeBaseUrl and identityOf (a bad URL throws every time)', () => {
    const first = URLS.map((u) => outcome(() => normalizeBaseUrl(u)));
    expect(first[0]).toEqual({ value: 'https://api.example.com/v1' });
    expect(first[1]).toEqual({ value: 'https://api.example.com/v1' });
    expect(first[7]).toEqual({ threw: 'TypeError' });
    // Past the bound (1,024 URLs) the memo is emptied and filled again.
    for (let i = 0; i < 1100; i++) normalizeBaseUrl(`https://h${i}.example.com/v1`);
    for (let round = 0; round < 2; round++) expect(URLS.map((u) => outcome(() => normalizeBaseUrl(u)))).toEqual(first);
    expect(identityOf('HTTPS://API.Example.com/v1/', 'm')).toBe('https://api.example.com/v1\nm');
  });

  it('checkBaseUrl and checkHeader', () => {
    const urls = URLS.map((u) => checkBaseUrl(u));
    const headers = HEADERS.map(([n, v]) => checkHeader(n, v));
    expect(urls[0]).toBeNull();
    expect(urls[3]).toMatch(/plain http on a public host/);
    expect(headers[0]).toBeNull();
    expect(headers[1]).toMatch(/outside printable ASCII/);
    expect(headers[2]).toMatch(/carries a credential/);
    expect(headers[3]).toBeNull();
    expect(headers[6]).toMatch(/longer than 4096/);
    for (let i = 0; i < 5000; i++) checkHeader('X-Title', `v${i}`);
    for (let round = 0; round < 2; round++) {
      expect(URLS.map((u) => checkBaseUrl(u))).toEqual(urls);
      expect(HEADERS.map(([n, v]) => checkHeader(n, v))).toEqual(headers);
    }
  });
});
