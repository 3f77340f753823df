/** `npm run sandbox`: only the vendor emulators, with their base URLs and credentials printed. */
import { closeSandboxes, liveEnvFor, startSandboxes, vendorModules } from './vendors/index.js';

const sandboxes = await startSandboxes(vendorModules().map((m) => m.key));
// The same variables the gateway reads: paste them into another shell to point a gateway (or any
// tool) at these emulators as if they were the real vendors.
const env = liveEnvFor(sandboxes);
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
