import { describe, expect, it } from 'vitest';
import { defaultThemes } from '../../src/config/default-themes.ts';
import { validateAreaConfig } from '../../src/config/validate-config.ts';
import type { Assessment } from '../../src/assessment/model.ts';
import { renderScope } from '../../src/render/sections/scope/render.ts';
import { exampleAssessment } from '../../src/render/sections/examples.ts';

describe('default themes', () => {
  it('are the statutory scope plus the common vulnerability themes, with known datasets and categories', () => {
    const issues = defaultThemes.flatMap((t) => t.issues.map((i) => i.id));
    for (const id of ['crime', 'anti-social-behaviour', 'drugs-and-alcohol', 'reoffending', 'domestic-abuse', 'missing-from-home-or-care', 'hate-crime']) expect(issues).toContain(id);
    expect(defaultThemes.filter((t) => t.title.endsWith('(statutory)')).map((t) => t.id)).toEqual(['crime-and-disorder', 'substance-misuse', 'reoffending']);
    const yaml = JSON.stringify({ themes: defaultThemes });
    const problems = validateAreaConfig(yaml, 'themes.json', null).problems.filter((p) => p.path.startsWith('themes'));
    expect(problems).toEqual([]);
  });

  it('are labelled in the report as a starting point, not the partnership\'s priorities', () => {
    const themes = (exampleAssessment.themes ?? []).map((t) => ({ ...t, defaultScope: true }));
    const html = renderScope({ ...exampleAssessment, themes } as Assessment);
    expect(html).toContain('a starting point, not this partnership&#39;s agreed priorities');
    expect(renderScope(exampleAssessment)).toContain("The assessment is organised by the partnership's priority themes.");
  });
});
