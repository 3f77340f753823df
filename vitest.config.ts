import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Three lanes, one vitest project and one folder each (`npm run test:fast` runs the first two):
 *  - test/unit: pure functions, no server, no emulator;
 *  - test/inprocess: whole gateways in this process (emulators on 127.0.0.1:0, Redis, PostgreSQL);
 *  - test/system: real child processes (`npm start`, the cluster, scripts, the container image), the
 *    browser, mounts, and files that change process-wide state (a sixth vendor registered).
 * The system lane runs after the other two.
 */
export const UNIT = ['test/unit/**/*.test.ts'];
export const INPROCESS = ['test/inprocess/**/*.test.ts'];

/** The system lane starts these first, in this order (the longest); the rest follow. */
export const SYSTEM = [
  'test/system/hostile/vault-pg.test.ts',
  'test/system/production.test.ts',
  'test/system/cluster.test.ts',
  'test/system/shared-redis.test.ts',
  'test/system/hostile/vault.test.ts',
  'test/system/signals.test.ts',
  'test/system/scripts.test.ts',
  'test/system/hostile/downloads.test.ts',
  'test/system/server.test.ts',
  'test/system/browser.test.ts',
  'test/system/roma.test.ts',
  'test/system/pg-vault.test.ts',
  'test/system/toy-vendor.test.ts',
];

/** Lanes in the order their files are handed to workers. */
const LANE_ORDER = ['unit', 'inprocess', 'system'];

/**
 * Each lane's files together (so a non-isolated worker picks up the next file of its own lane),
 * the longest known first; system files in the order of SYSTEM.
 */
class LaneSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const byDuration = await super.sort(files);
    const lane = (f: TestSpecification) => {
      const i = LANE_ORDER.indexOf(f.project.name);
      return i === -1 ? LANE_ORDER.length : i;
    };
    const listed = (f: TestSpecification) => {
      const i = SYSTEM.findIndex((p) => f.moduleId.endsWith(`/${p}`));
      return i === -1 ? SYSTEM.length : i;
    };
    return byDuration
      .map((f, i) => ({ f, i }))
      .sort((a, b) => lane(a.f) - lane(b.f) || listed(a.f) - listed(b.f) || a.i - b.i)
      .map(({ f }) => f);
  }
}

const cores = availableParallelism();

// Node 22.1+ keeps compiled code here for the workers and every process the tests start (child
// gateways, scripts); older Node ignores the variable.
process.env.NODE_COMPILE_CACHE ??= join(process.cwd(), '.cache', 'node-compile');

export default defineConfig({
  // graphql ships .mjs and .js builds; one realm for every importer avoids the dual-package hazard.
  resolve: { alias: { graphql: 'graphql/index.js' } },
  // Test durations (the sequencer starts the longest files first), kept across `npm ci`.
  cacheDir: '.cache/vite',
  test: {
    // Transformed modules kept on disk between runs (keyed by their content): a rerun transforms
    // only what changed. In .cache/ (git-ignored) rather than node_modules, which `npm ci` empties.
    experimental: { fsModuleCache: true, fsModuleCachePath: '.cache/vitest-modules' },
    // A guard against hangs, not a speed bound: other processes may share the machine's cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // In-process tests mostly wait (on emulators' faults, deadlines, TTLs), not on the CPU: three
    // workers per core keep the cores busy.
    maxWorkers: Math.max(3, cores * 3),
    sequence: { sequencer: LaneSequencer },
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT,
          // Pure functions: one module graph per worker, shared by its files.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'inprocess',
          include: INPROCESS,
          // Suites marked concurrent in one file (the fault switchboard's nine) all run at once.
          maxConcurrency: 10,
          // Each file starts its own gateways and emulators on port 0 and closes them; importing the
          // gateway once per worker instead of once per file saves most of the import time.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'system',
          include: ['test/system/**/*.test.ts'],
          // After the other two lanes, a file per core and one more: each starts child processes
          // that load the whole gateway, then mostly waits on them. The extra file makes each
          // CPU-bound file slower but the lane shorter; every run prints the lane times.
          sequence: { groupOrder: 1 },
          maxWorkers: cores + 1,
          // `npm run build` once, in the background: child gateways run dist/main.js, as the image does.
          globalSetup: ['test/fixtures/build-gateway.ts'],
          // Child processes load the whole gateway (seconds of CPU each): a wider hang guard.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
