/**
 * Download case: the ≥ 200 MB Akana export through a signed URL of the gateway versus fetched
 * straight from the emulator, and the gateway's RSS during the download.
 */
import { request } from 'undici';
import { AKANA_FED, LARGE_APP_VERSION } from '../src/vendors/akana/fixtures.js';
import { AKANA_SANDBOX, startAkanaSandbox } from '../src/vendors/akana/sandbox.js';
import { spawnGateway } from './lib.js';

async function drain(url: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const res = await request(url, { headers });
  if (res.statusCode !== 200) throw new Error(`download failed: ${res.statusCode}`);
  let bytes = 0;
  for await (const chunk of res.body) bytes += (chunk as Buffer).length;
  const seconds = (performance.now() - started) / 1000;
  return { bytes, seconds, mbps: bytes / 1024 / 1024 / seconds };
}

export async function benchDownload(): Promise<void> {
  const sandbox = await startAkanaSandbox();
  const gw = await spawnGateway({
    AKANA_BASE_URL: sandbox.url,
    AKANA_FED_MEMBER_ID: AKANA_FED,
    AKANA_AUTH_TOKEN: AKANA_SANDBOX.session,
  });
  try {
    const q = await request(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ appVersionExport(appVersionId: "${LARGE_APP_VERSION}") { download(expiresIn: 600) { url } } }`,
      }),
    });
    const url = ((await q.body.json()) as { data: { appVersionExport: { download: { url: string } } } }).data
      .appVersionExport.download.url;

    const direct = await drain(
      `${sandbox.url}/api/apps/versions/${LARGE_APP_VERSION}/package?exportVersion=current`,
      { cookie: `AtmoAuthToken_${AKANA_FED}=${AKANA_SANDBOX.session}` },
    );
    const rssBefore = gw.rss();
    let peak = rssBefore;
    const timer = setInterval(() => {
      peak = Math.max(peak, gw.rss());
    }, 25);
    const via = await drain(url);
    clearInterval(timer);
    peak = Math.max(peak, gw.rss());
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    console.log(`\nDownload: ${mb(via.bytes)} MB Akana export`);
    console.log(
      `direct from the emulator        ${direct.mbps.toFixed(0).padStart(6)} MB/s  (${direct.seconds.toFixed(2)} s)`,
    );
    console.log(
      `through the gateway signed URL  ${via.mbps.toFixed(0).padStart(6)} MB/s  (${via.seconds.toFixed(2)} s)`,
    );
    console.log(`ratio gateway/direct throughput: ${(via.mbps / direct.mbps).toFixed(2)}`);
    console.log(
      `gateway RSS before ${mb(rssBefore)} MB, peak ${mb(peak)} MB, growth ${mb(peak - rssBefore)} MB`,
    );
  } finally {
    await gw.stop();
    await sandbox.close();
  }
}
