import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bin/**/*.test.{ts,mjs}', 'scripts/**/*.test.ts'],
    globalSetup: ['src/engine/test-support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 600_000,
  },
});
