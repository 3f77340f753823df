import type { Reporter, TestModule } from 'vitest/node';

interface Lane {
  files: number;
  tests: number;
  firstStart: number;
  lastEnd: number;
  /** Sum of the files' own durations (import, collection and tests). */
  busy: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Ends the run with the time of each lane (vitest project), then one plain
 * `vitest: N passed, N failed, N skipped` line that any CI can read.
 */
export default class PlainSummaryReporter implements Reporter {
  #runStart = Date.now();
  readonly #started = new Map<TestModule, number>();
  readonly #lanes = new Map<string, Lane>();

  onTestRunStart(): void {
    this.#runStart = Date.now();
  }

  onTestModuleStart(m: TestModule): void {
    this.#started.set(m, Date.now());
  }

  onTestModuleEnd(m: TestModule): void {
    const end = Date.now();
    const start = this.#started.get(m) ?? end;
    const name = m.project.name || 'default';
    const lane = this.#lanes.get(name) ?? { files: 0, tests: 0, firstStart: start, lastEnd: end, busy: 0 };
    lane.files++;
    lane.tests += [...m.children.allTests()].length;
    lane.firstStart = Math.min(lane.firstStart, start);
    lane.lastEnd = Math.max(lane.lastEnd, end);
    const d = m.diagnostic();
    lane.busy += d.duration + d.collectDuration + d.prepareDuration + d.setupDuration;
    this.#lanes.set(name, lane);
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of testModules) {
      let failedHere = 0;
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failedHere++;
        else skipped++;
      }
      // A file that failed outside its tests (its import, a beforeAll) counts once.
      failed += m.state() === 'failed' && failedHere === 0 ? 1 : failedHere;
    }
    failed += unhandledErrors.length;
    const lines = ['', 'lanes (wall: first file start to last file end; lanes run side by side):'];
    const width = Math.max(9, ...[...this.#lanes.keys()].map((k) => k.length));
    for (const [name, l] of [...this.#lanes].sort((a, b) => a[1].firstStart - b[1].firstStart)) {
      lines.push(
        `  ${name.padEnd(width)} ${String(l.files).padStart(3)} files ${String(l.tests).padStart(4)} tests  ` +
          `wall ${seconds(l.lastEnd - l.firstStart).padStart(8)}  (files' own time ${seconds(l.busy)})`,
      );
    }
    lines.push(`  ${'all'.padEnd(width)} wall ${seconds(Date.now() - this.#runStart)}`);
    process.stdout.write(
      `${lines.join('\n')}\n\nvitest: ${passed} passed, ${failed} failed, ${skipped} skipped\n`,
    );
  }
}
