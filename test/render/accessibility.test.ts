/**
 * WCAG 2.2 AA check of the report with axe-core injected into headless Chromium: no serious or
 * critical violation, in the full and the published edition, with every section present.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scorePriorities } from '../../src/analysis/priorities.ts';
import type { Assessment } from '../../src/assessment/model.ts';
import { CHROMIUM_ARGS, findChromium } from '../../src/render/pdf/browser.ts';
import { renderReportHtml } from '../../src/render/report-html.ts';
import { exampleAssessment } from '../../src/render/sections/examples.ts';
import { priorityIssue } from '../helpers/priority-issue.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const issue = (id: string, volume: number) => priorityIssue(id, volume, { workshop: { localities: 1, of: 2 }, data: { hasData: true, synthetic: true, coverage: 1 } });

/** The example with the board sections filled: priorities, workshops and a narrative. */
const full: Assessment = {
  ...exampleAssessment,
  priorities: scorePriorities([issue('Crime', 20000), issue('Fires', 300), issue('Hate crime', 90)], { risk: 1, concern: 2, position: 2 }, 5),
  workshops: {
    workshops: 2,
    issues: 12,
    sources: ['import:synthetic-workshops.csv'],
    categories: [{ category: 'Drug dealing', mentions: 12, localities: 2, meanRank: 1.5, topIn: ['Central'] }],
    byLocality: [{ locality: 'Central', workshops: 1, heldOn: ['2017-02-01'], issues: 12, top: 'Drug dealing', categories: [{ category: 'Drug dealing', mentions: 12, meanRank: 1.5 }] }],
  },
  narrative: [{ section: 'headline-findings', markdown: 'The board should note **these**.', writtenFingerprint: 'a', currentFingerprint: 'b', stale: true }],
};

type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: unknown }[] }[] };
let browser: Awaited<ReturnType<typeof chromium.launch>>;

beforeAll(async () => {
  const binary = await findChromium();
  browser = await chromium.launch({ executablePath: binary.executablePath, env: { ...process.env, ...binary.env } as Record<string, string>, args: CHROMIUM_ARGS, headless: true });
}, 60_000);
afterAll(async () => browser?.close());

async function violations(html: string): Promise<AxeResult['violations']> {
  const page = await browser.newPage();
  try {
    await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
    await page.setContent(html, { waitUntil: 'load' });
    await page.addScriptTag({ content: axeSource });
    const result = (await page.evaluate(() =>
      (globalThis as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<unknown> } }).axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      }),
    )) as AxeResult;
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  } finally {
    await page.close();
  }
}

describe('accessibility (axe-core, WCAG 2.2 AA)', () => {
  it('full edition: no serious or critical violation', async () => {
    const v = await violations(renderReportHtml(full));
    expect(v.map((x) => `${x.id}: ${x.help} (${x.nodes.length})`)).toEqual([]);
  }, 120_000);

  it('published edition: no serious or critical violation', async () => {
    const v = await violations(renderReportHtml(full, { public: true }));
    expect(v.map((x) => `${x.id}: ${x.help} (${x.nodes.length})`)).toEqual([]);
  }, 120_000);

  it('every chart and map has a text alternative', () => {
    const html = renderReportHtml(full);
    const svgs = html.match(/<svg\b[^>]*>/g) ?? [];
    expect(svgs.length).toBeGreaterThan(3);
    for (const s of svgs.filter((x) => /role="img"/.test(x))) expect(s).toMatch(/aria-label(ledby)?="/);
  });
});
