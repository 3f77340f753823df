/** `npm run bench [case…]`: prints figures; not part of the tests. `-- --help` lists the cases and variables. */
const CASES = {
  gateway: 'direct vs the gateway (caches off, defaults) vs Hive Gateway, 1 and 32 connections',
  torq: 'the Torq list alone',
  download: 'a 200 MB export streamed through the gateway: throughput, peak RSS',
  observability: 'metrics and tracing off vs on: throughput, RSS',
  runtime: '`npm start` vs `node dist/main.js`: idle RSS, throughput',
  scale: 'Torq lists of 1k-200k integrations: cold, warm, vendor calls, RSS; idle RSS in production',
} as const;
type Case = keyof typeof CASES;

const USAGE = `Usage: npm run bench [-- <case>…]     every case when none is named (figures only, nothing asserted)

Cases:
${Object.entries(CASES)
  .map(([name, what]) => `  ${name.padEnd(14)} ${what}`)
  .join('\n')}

Variables:
  BENCH_SECONDS          length of each run (default 5 s for gateway, 10 s for the others)
  BENCH_WARMUP_SECONDS   warm-up at 1 connection before the gateway rows (default 5)
  BENCH_ONLY             gateway contenders to run, by part of their label (comma-separated)
  BENCH_NODE_ARGS        node flags for the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  AB_ROUNDS, AB_BLOCK    the turns at the end of the gateway case (default 10 rounds of 600 requests)
  BENCH_SCALE_N          the scale case's list sizes (default 1000,10000,50000,200000)

Method and current figures: docs/performance.md
`;

const args = process.argv.slice(2);
const unknown = args.filter((a) => !(a in CASES));
if (args.includes('--help') || args.includes('-h') || unknown.length > 0) {
  const help = args.includes('--help') || args.includes('-h');
  (help ? process.stdout : process.stderr).write(
    `${help ? '' : `unknown case: ${unknown.join(' ')}\n\n`}${USAGE}`,
  );
  process.exit(help ? 0 : 64);
}

// Loaded only now: --help starts nothing.
const run: Record<Case, () => Promise<() => Promise<void>>> = {
  gateway: async () => (await import('./gateway.js')).benchGateway,
  torq: async () => (await import('./torq.js')).benchTorq,
  download: async () => (await import('./download.js')).benchDownload,
  observability: async () => (await import('./observability.js')).benchObservability,
  runtime: async () => (await import('./runtime.js')).benchRuntime,
  scale: async () => (await import('./scale.js')).benchScale,
};
for (const name of Object.keys(CASES) as Case[]) {
  if (args.length === 0 || args.includes(name)) await (await run[name]())();
}
