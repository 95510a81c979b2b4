import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ReoffendingSeries } from '../../src/assessment/themes-model.ts';
import { reoffendingRatesSvg } from '../../src/render/charts/reoffending-rates.ts';
import type { ReoffendingDetail } from '../../src/analysis/themes/types.ts';
import { FULL_EDITION } from '../../src/render/words/edition.ts';
import { issueSentences } from '../../src/render/words/themes.ts';

const row = (period: string, rate: number, force: number, national: number) => ({
  period,
  cohort: 1000,
  reoffenders: Math.round(rate * 1000),
  rate,
  reoffencesPerReoffender: 2.8,
  previousOffences: 15,
  forceAreaRate: force,
  nationalRate: national,
  forceAreaReoffencesPerReoffender: null,
  nationalReoffencesPerReoffender: null,
});

describe('reoffending rates chart', () => {
  const series: ReoffendingSeries = { offenderType: 'adult', rows: [row('2014/15', 0.218, 0.266, 0.25), row('2015/16', 0.22, 0.268, 0.251)], againstNational: null };
  const svg = reoffendingRatesSvg(series, { area: 'Stockport', forceArea: 'Greater Manchester' });
  const { document } = parseHTML(`<div>${svg}</div>`);

  it('is an accessible image whose description carries every value', () => {
    const el = document.querySelector('svg')!;
    expect(el.getAttribute('role')).toBe('img');
    expect(el.querySelector('title')!.textContent).toBe('Adult proven reoffending rate by cohort year, Stockport');
    expect(el.querySelector('desc')!.textContent).toContain('Stockport 2015/16: 22.0%; Greater Manchester 2015/16: 26.8%; England and Wales 2015/16: 25.1%');
  });

  it('draws one line per series, told apart by dash as well as colour, and a legend naming each', () => {
    const lines = Array.from(document.querySelectorAll('g[data-mark="line"]'));
    expect(lines).toHaveLength(3);
    expect(new Set(lines.map((p) => p.getAttribute('stroke-dasharray') ?? 'none')).size).toBe(3);
    expect(Array.from(document.querySelectorAll('.app-legend text')).map((t) => t.textContent)).toEqual(['Stockport', 'Greater Manchester', 'England and Wales']);
  });
});

describe('reoffending sentence', () => {
  const withComparators = { ...row('2015/16', 0.22, 0.268, 0.251), forceAreaReoffencesPerReoffender: 2.91, nationalReoffencesPerReoffender: 3.05 };
  const detail = (r: ReoffendingSeries['rows'][number]): ReoffendingDetail => ({ kind: 'reoffending', adult: { offenderType: 'adult', rows: [r], againstNational: null }, juvenile: null, youthJustice: null });

  it('compares reoffences per reoffender with the force area and England and Wales where loaded', () => {
    const [s] = issueSentences(detail(withComparators), FULL_EDITION);
    expect(s).toContain('2.80 reoffences per reoffender (force area 2.91, England and Wales 3.05);');
  });

  it('states the area alone when no comparator is loaded', () => {
    const [s] = issueSentences(detail(row('2015/16', 0.22, 0.268, 0.251)), FULL_EDITION);
    expect(s).toContain('2.80 reoffences per reoffender; 15.0 previous offences on average.');
  });
});
