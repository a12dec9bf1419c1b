// One rule for local hosts and one for key-variable names (src/hosts.ts),
// shared by the extractor and the registry: a draft parsed from a paste and
// the entry registered from that draft must agree on both.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseExample } from '../src/api.js';
import { hostnameOf, isLocalHost, keyEnvForHost, keyEnvForUrl } from '../src/hosts.js';
import { add } from '../src/registry/index.js';
import { checkBaseUrl } from '../src/registry/validate.js';

describe('isLocalHost', () => {
  it.each([
    'localhost', 'localhost:8080', 'api.localhost', '127.0.0.1:11434', '10.0.0.5', '172.16.0.1', '172.31.255.1', '192.168.1.20:8000',
    '169.254.10.1', '100.64.0.1', '100.127.255.254', '0.0.0.0', '[::1]:8080', '::1', '[fd12:3456::1]', 'fe80::1',
    'ollama', 'ollama:11434', 'vllm', 'gpu-box.lan', 'nas.local', 'host.docker.internal', 'router.home.arpa',
  ])('%s is local', (h) => expect(isLocalHost(h)).toBe(true));
  it.each([
    'api.openai.com', 'api.example.com:8443', '8.8.8.8', '172.32.0.1', '100.63.255.255', '100.128.0.1', '169.255.0.1', '11.0.0.1',
    '[2001:db8::1]', 'local.example.com', 'lan.example.com', '',
  ])('%s is not local', (h) => expect(isLocalHost(h)).toBe(false));
});

describe('key variable names', () => {
  it('drop the port, keep the host', () => {
    expect(hostnameOf('API.Example.com:8443')).toBe('api.example.com');
    expect(keyEnvForHost('api.example.com:8443')).toBe('CUSTOM_KEY_API_EXAMPLE_COM');
    expect(keyEnvForHost('api.example.com')).toBe('CUSTOM_KEY_API_EXAMPLE_COM');
    expect(keyEnvForUrl('https://api.example.com:8443/v1')).toBe('CUSTOM_KEY_API_EXAMPLE_COM');
    expect(keyEnvForUrl('not a url')).toBeNull();
  });
});

describe('extractor and registry agree', () => {
  it('a Docker Compose service name (`ollama`) is local: no auth, no key variable, and http is allowed', async () => {
    const r: any = await parseExample(`curl http://ollama:11434/v1/chat/completions -d '{"model":"llama3.2","messages":[{"role":"user","content":"hi"}]}'`);
    expect(r.ok).toBe(true);
    expect(r.draft.auth).toEqual({ in: 'none' });
    expect(r.draft.api_key_env).toBeNull();
    expect(r.warnings.map((w: any) => w.code)).not.toContain('auth_missing');
    expect(checkBaseUrl(r.draft.base_url)).toBeNull();
  });
  it.each(['http://100.101.102.103:8000', 'http://169.254.1.2:8000', 'http://gpu.lan:8000', 'http://box.internal:8000'])(
    '%s (CGNAT, link-local, .lan, .internal) is local in the extractor too',
    async (base) => {
      const r: any = await parseExample(`curl ${base}/v1/chat/completions -d '{"model":"m","messages":[]}'`);
      expect(r.draft.auth).toEqual({ in: 'none' });
      expect(r.draft.api_key_env).toBeNull();
    },
  );
  it('a host with a port: the draft names the key as the registry does, so add --from-draft raises no key_host_mismatch', async () => {
    const r: any = await parseExample(`curl https://api.example.com:8443/v1/chat/completions -H "Authorization: Bearer $MY_KEY" -d '{"model":"m1","messages":[]}'`);
    expect(r.ok).toBe(true);
    expect(r.draft.api_key_env).toBe('CUSTOM_KEY_API_EXAMPLE_COM');
    const added: any = await add(r, { workspace: mkdtempSync(join(tmpdir(), 'byok-hosts-')) });
    expect(added.ok).toBe(true);
    expect(added.api_key_env).toBe('CUSTOM_KEY_API_EXAMPLE_COM');
    expect(added.warnings.map((w: any) => w.code)).not.toContain('key_host_mismatch');
  });
});
