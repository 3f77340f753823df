/**
 * GraphiQL and a frontend, as a person uses them: headless Chromium (Debian's package, driven by
 * playwright-core) opens GraphiQL served by the gateway on the sandbox, runs the example query,
 * follows a download link, and calls the gateway from pages on an allowed and a foreign origin.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type TestGateway } from '../helpers.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available) {
  console.warn(`\n*** browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium) ***\n`);
}

/** A static page on its own origin, standing in for a frontend. */
async function frontend(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>frontend</title><p>frontend</p>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.skipIf(!available)('in a real browser', () => {
  let gw: TestGateway;
  let browser: Browser;
  let allowed: { server: Server; origin: string };
  let foreign: { server: Server; origin: string };

  beforeAll(async () => {
    allowed = await frontend();
    foreign = await frontend();
    gw = await startGateway({ CORS_ORIGINS: allowed.origin });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    for (const f of [allowed, foreign]) {
      f?.server.closeAllConnections();
      await new Promise((r) => f?.server.close(r));
    }
  });

  it('runs the example query in GraphiQL and shows data from every vendor; a download link works', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 4000 }, acceptDownloads: true });
    const offline: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(gw.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:'))
        offline.push(r.url());
    });
    await page.goto(`${gw.url}/graphql`);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ timeout: 30_000 });
    // GraphiQL opens on the catalog; the cross-vendor example is a tab of its own.
    await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toContain('Catalog');
    const active = page.locator('.graphiql-tab-active');
    const crossVendor = page.locator('.graphiql-tab-button', { hasText: 'CrossVendor' });
    await expect
      .poll(async () => (await crossVendor.click(), await active.innerText()), { timeout: 15_000 })
      .toContain('CrossVendor');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().startsWith(`${gw.url}/graphql`) && r.request().method() === 'POST'),
      run.click(),
    ]);
    const body = (await response.json()) as {
      data: Record<string, { download?: { url: string } } | null>;
      errors?: unknown[];
    };
    expect(body.errors).toBeUndefined();
    const pane = page.locator('.graphiql-response');
    await expect.poll(() => pane.innerText(), { timeout: 15_000 }).toContain('appversion-export.zip');
    const text = await pane.innerText();
    const vendorsShown = [
      text.includes('webhookUrl'), // Torq
      text.includes('order-sync'), // Google
      text.includes('Add credential package'), // Oracle
      text.includes('exportproperties.properties'), // Akana
    ].filter(Boolean).length;
    expect(vendorsShown).toBeGreaterThanOrEqual(3);
    await page.screenshot({ path: 'test-results/graphiql.png' }).catch(() => undefined);

    // One click on the signed URL saves the zip.
    const url = body.data.appVersionExport?.download?.url ?? '';
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.evaluate((href) => {
        const a = document.createElement('a');
        a.href = href;
        document.body.append(a);
        a.click();
      }, url),
    ]);
    expect(download.suggestedFilename()).toBe('appversion-export.zip');
    const saved = readFileSync((await download.path()) ?? '');
    expect(saved.subarray(0, 4).toString('hex')).toBe('504b0304');
    expect(offline).toEqual([]); // GraphiQL loaded nothing from outside the gateway
    await page.close();
  });

  it('answers a frontend on an allowed origin, and the browser blocks a foreign one', async () => {
    const call = async (origin: string) => {
      const page = await browser.newPage();
      await page.goto(origin);
      const result = await page.evaluate(async (gateway) => {
        try {
          const res = await fetch(`${gateway}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: '{ integrations(first: 1) { edges { node { name } } } }' }),
          });
          return JSON.stringify(await res.json());
        } catch (err) {
          return `blocked: ${(err as Error).message}`;
        }
      }, gw.url);
      await page.close();
      return result;
    };
    expect(await call(allowed.origin)).toContain('"integrations"');
    expect(await call(foreign.origin)).toMatch(/^blocked/);
  });
});
