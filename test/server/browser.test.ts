import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChromiumSession, openChromium } from '../../src/render/pdf/browser.ts';
import { exampleAssessment } from '../../src/render/sections/examples.ts';
import { buildApp } from '../../src/server/app.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/paths.ts';
import { writeStreet } from '../helpers/police-fixtures.ts';

/** The served report in a real headless Chromium: it renders, makes no request off this machine, and logs no error. */
describe('the served report in Chromium', () => {
  let app: FastifyInstance;
  let browser: ChromiumSession;
  let url: string;
  const dir = tempDir();
  beforeAll(async () => {
    const db = join(dir, 'b.duckdb');
    expect((await runCli('ingest', 'police', writeStreet(dir, 'a.csv'), '--db', db)).code).toBe(0);
    const model = join(dir, 'assessment.json');
    writeFileSync(model, JSON.stringify(exampleAssessment));
    app = await buildApp({ db, model });
    url = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await openChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('renders the report with its charts and maps, offline, without console errors', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(url);
    await expect(page.locator('h1').textContent()).resolves.toContain(exampleAssessment.title);
    expect(await page.locator('main svg').count()).toBeGreaterThanOrEqual(6);
    expect(await page.getByText('Synthetic demonstration data').first().isVisible()).toBe(true);
    expect(requests.filter((r) => !r.startsWith(url) && !r.startsWith('data:'))).toEqual([]);
    expect(errors).toEqual([]);
    await page.screenshot({ path: join(dir, 'served-report.png') });
    // The contents list links work: following one scrolls its section into view.
    await page.getByRole('link', { name: 'Localities' }).first().click();
    expect(await page.locator('#localities').isVisible()).toBe(true);
  });

  it('serves the API the page and the dashboard read', async () => {
    const r = await fetch(`${url}/api/assessment`);
    expect(r.status).toBe(200);
    expect((await r.json()).title).toBe(exampleAssessment.title);
  });
});
