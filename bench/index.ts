/** `npm run bench [case…]`: prints figures; not part of the tests. BENCH_SECONDS sets each run's length. */
import { benchDownload } from './download.js';
import { benchGateway } from './gateway.js';
import { benchObservability } from './observability.js';
import { benchRuntime } from './runtime.js';
import { benchScale } from './scale.js';
import { benchTorq } from './torq.js';

const cases: Record<string, () => Promise<void>> = {
  gateway: benchGateway,
  torq: benchTorq,
  download: benchDownload,
  observability: benchObservability,
  runtime: benchRuntime,
  scale: benchScale,
};
const wanted = process.argv.slice(2);
for (const [name, run] of Object.entries(cases)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
