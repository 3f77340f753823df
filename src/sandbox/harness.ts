/**
 * The small shared harness under every vendor emulator, by responsibility:
 *  - server.ts: the HTTP server on 127.0.0.1 (port 0), routes on the raw path, the request log
 *    tests read to count vendor calls;
 *  - faults.ts: the per-route fault switchboard (latency, statuses, resets, malformed, drip,
 *    oversized, hang, credential echo) and fault-aware streaming;
 *  - credentials.ts: bearer and Basic credentials of a request;
 *  - random.ts: the deterministic PRNG and UUIDs of the fixtures.
 * Emulators import from here.
 */
export { type Fault, streamBody } from './faults.js';
export { basicAuth, bearer } from './credentials.js';
export { fakeUuid, prng } from './random.js';
export {
  type LoggedRequest,
  type Route,
  type RouteContext,
  type SandboxOptions,
  SandboxServer,
  sendJson,
  startSandbox,
} from './server.js';
