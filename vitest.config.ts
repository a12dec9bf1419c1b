import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that spend most of their time waiting on child processes or on 256 KiB inputs
 * start first, so that on a clean clone (no timing cache yet) the two workers do not end
 * with one of them alone on a long file. With a cache, vitest's own longest-first order holds.
 */
const SLOW_FIRST = ['registry-processes', 'linear-time.test', 'leak-fuzz', 'linear-time-code', 'leak-fuzz-positions', 'cli-conventions', 'registry-files'];

class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => {
      const i = SLOW_FIRST.findIndex((s) => f.moduleId.includes(s));
      return i < 0 ? SLOW_FIRST.length : i;
    };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // vitest's default is one worker fewer than the CPUs: a single worker on a 2-core machine.
    // Most files wait on child processes or I/O, so two workers halve the wall time.
    maxWorkers: 2,
    sequence: { sequencer: SlowFirst },
    // The registry cache (src/registry/cache.ts) of the tests' temporary workspaces, out of the user's ~/.cache.
    env: { BYOK_CACHE_DIR: join(tmpdir(), 'byok-test-registry-cache') },
  },
});
