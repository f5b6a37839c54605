import { defineConfig } from 'vitest/config';

// Corpus tests: the seed case checked field by field, and the whole dev corpus scored through the extract CLI.
export default defineConfig({
  test: {
    include: ['tests/corpus/**/*.test.ts'],
    testTimeout: 900_000,
  },
});
