/** `npm run sandbox`: only the five vendor emulators, with their base URLs and credentials printed. */
import { AKANA_SANDBOX } from './vendors/akana/sandbox.js';
import { GOOGLE_SANDBOX } from './vendors/google/sandbox.js';
import { closeSandboxes, startSandboxes } from './vendors/index.js';
import { ORACLE_SANDBOX } from './vendors/oracle/sandbox.js';
import { ROMA_SANDBOX } from './vendors/roma/sandbox.js';
import { TORQ_SANDBOX } from './vendors/torq/sandbox.js';

const sandboxes = await startSandboxes(['torq', 'google', 'oracle', 'akana', 'roma']);
const url = (k: keyof typeof sandboxes) => sandboxes[k]?.server.url ?? '';
// The same variables the gateway reads: paste them into another shell to point a gateway (or any
// tool) at these emulators as if they were the real vendors.
const env: Record<string, string> = {
  TORQ_BASE_URL: url('torq'),
  TORQ_TOKEN: TORQ_SANDBOX.token,
  GOOGLE_INTEGRATIONS_BASE_URL: url('google'),
  GOOGLE_ACCESS_TOKEN: GOOGLE_SANDBOX.token,
  ORACLE_MARKETPLACE_BASE_URL: url('oracle'),
  ORACLE_USER_ID: ORACLE_SANDBOX.userId,
  ORACLE_ACCESS_TOKEN: ORACLE_SANDBOX.token,
  AKANA_BASE_URL: url('akana'),
  AKANA_FED_MEMBER_ID: AKANA_SANDBOX.fedMemberId,
  AKANA_AUTH_TOKEN: AKANA_SANDBOX.session,
  ROMA_BASE_URL: url('roma'),
  ROMA_PROJECT_ID: ROMA_SANDBOX.projectId,
  ROMA_INSTANCE_ID: ROMA_SANDBOX.instanceId,
  ROMA_AUTH_TOKEN: ROMA_SANDBOX.token,
};
process.stdout.write('Vendor emulators (sandbox credentials, not secrets) are running:\n\n');
for (const [k, v] of Object.entries(env)) process.stdout.write(`export ${k}='${v}'\n`);
process.stdout.write(
  '\nexport ALLOW_ANONYMOUS=true   # these make the vendors LIVE for a gateway\nCtrl+C stops them.\n',
);

const stop = () => {
  void closeSandboxes(sandboxes).then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
