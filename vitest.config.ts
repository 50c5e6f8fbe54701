import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the "@taonode/source" condition,
// so tests run against src/ without a build step.
export default defineConfig({
  resolve: { conditions: ['@taonode/source', 'import', 'module', 'node', 'default'] },
  ssr: { resolve: { conditions: ['@taonode/source', 'import', 'node', 'default'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    reporters: ['default'],
  },
});
