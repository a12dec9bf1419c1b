import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // The registry cache (src/registry/cache.ts) of the tests' temporary workspaces, out of the user's ~/.cache.
    env: { BYOK_CACHE_DIR: join(tmpdir(), 'byok-test-registry-cache') },
  },
});
