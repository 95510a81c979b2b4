import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { crimeByTypeSvg } from '../../src/render/charts/crime-by-type.ts';
import { localityShareSvg } from '../../src/render/charts/locality-share.ts';
import { monthlySeriesSvg } from '../../src/render/charts/monthly-series.ts';
import { normaliseIds } from '../../src/render/charts/plot-svg.ts';
import { yearlyTotalsSvg } from '../../src/render/charts/yearly-totals.ts';
import { monthlyExamples } from '../../src/render/sections/monthly/examples.ts';
import { exampleAssessment as a } from '../../src/render/sections/examples.ts';
import { compareSvgSnapshot } from './svg-snapshot.ts';

const cases: Record<string, () => string> = {
  'crime-by-type': () => crimeByTypeSvg(a),
  'yearly-crime': () => yearlyTotalsSvg(a, 'crime'),
  'yearly-asb': () => yearlyTotalsSvg(a, 'asb'),
  'monthly-series': () => monthlySeriesSvg(a),
  'monthly-series-quiet': () => monthlySeriesSvg(monthlyExamples.quiet ?? a),
  'locality-share': () => localityShareSvg(a),
};

describe('chart snapshots', () => {
  for (const [name, render] of Object.entries(cases)) {
    it(name, () => {
      const svg = render();
      expect(compareSvgSnapshot('charts', name, svg)).toBeNull();
      // Deterministic: a second render is identical, byte for byte.
      expect(render()).toBe(svg);
    });
  }
});

describe('chart accessibility', () => {
  for (const [name, render] of Object.entries(cases)) {
    it(`${name} is a labelled image`, () => {
      const { document } = parseHTML(`<html><body>${render()}</body></html>`);
      const svg = document.querySelector('svg');
      expect(svg?.getAttribute('role')).toBe('img');
      const [titleId, descId] = (svg?.getAttribute('aria-labelledby') ?? '').split(' ');
      expect(document.getElementById(titleId ?? '')?.textContent).toMatch(/\S/);
      expect(document.getElementById(descId ?? '')?.textContent).toMatch(/\S/);
    });
  }

  it('marks the partial year in words', () => {
    expect(yearlyTotalsSvg(a, 'crime')).toContain('2017 (Jan-Jun)');
  });

  it('draws a legend entry for each kind of flagged month', () => {
    const svg = monthlySeriesSvg(a);
    expect(svg).toContain('Unusually high month');
    expect(svg).toContain('Unusually low month');
    expect(monthlySeriesSvg(monthlyExamples.quiet ?? a)).not.toContain('Unusually high month');
  });

  it('names a single-category measure, and no ASB line, when the assessment holds one crime type and no ASB', () => {
    const burglary = { ...a, measure: { label: 'Burglary', lower: 'burglary', countNoun: 'burglary offences', includesAsb: false }, monthly: a.monthly.map((m) => ({ ...m, asb: 0, asbFlag: undefined })) };
    const svg = monthlySeriesSvg(burglary);
    expect(svg).toContain('>Burglary by month, Stockport');
    expect(svg).toContain('Line chart of monthly counts: burglary.');
    expect(svg).not.toMatch(/recorded crime|anti-social/i);
  });

  it('leaves anti-social behaviour out of crime by type', () => {
    expect(crimeByTypeSvg(a)).not.toContain('Anti-social behaviour<');
  });
});

describe('normaliseIds', () => {
  it('renames generated ids and their references', () => {
    const { document } = parseHTML('<html><body><svg id="c"><clipPath id="plot-clip-17"></clipPath><g clip-path="url(#plot-clip-17)"></g><use href="#plot-clip-17"></use></svg></body></html>');
    const svg = document.querySelector('svg') as unknown as Element;
    normaliseIds(svg, 'c');
    const html = svg.outerHTML;
    expect(html).toContain('id="c-1"');
    expect(html).toContain('clip-path="url(#c-1)"');
    expect(html).toContain('href="#c-1"');
    expect(html).not.toContain('plot-clip-17');
  });
});
