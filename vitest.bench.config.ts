import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.ts';

// `npm run bench`: side-by-side benchmarks in bench/*.bench.ts (peer and Baton in one run).
export default mergeConfig(
  base,
  defineConfig({ test: { include: [], benchmark: { include: ['bench/**/*.bench.ts'] } } }),
);
