/**
 * The analyst's narrative: Markdown text per section in a file beside the configuration, under
 * headings naming the section ids (`## headline-findings`, `## locality-central`). Each block records
 * a fingerprint of the figures of its section when written (`<!-- figures: 1a2b3c4d5e6f -->`); a
 * block without one is given the current fingerprint, so the text survives every re-run and is
 * flagged once the figures it sits next to change.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Assessment } from './model.ts';

export interface NarrativeBlock {
  /** The section id the text sits in. */
  section: string;
  markdown: string;
  /** Fingerprint of the section's figures when the text was written. */
  writtenFingerprint: string;
  currentFingerprint: string;
  /** True when the figures changed since the text was written. */
  stale: boolean;
}

const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The figures a section shows, as data: what the narrative beside it is written against. */
export function sectionFigures(a: Omit<Assessment, 'narrative'>, section: string): unknown {
  if (section === 'headline-findings') return a.findings.map((f) => [f.id, f.figures.map((g) => g.value)]);
  if (section === 'overview') return a.overview;
  if (section === 'categories') return a.categories.map((c) => [c.category, c.total, c.change?.after ?? null]);
  if (section === 'localities') return a.localities.map((l) => [l.name, l.crime, l.asb]);
  if (section === 'priorities') return a.priorities?.issues.map((i) => [i.id, i.rank, i.score]) ?? null;
  if (section === 'workshops') return a.workshops?.categories.map((c) => [c.category, c.mentions]) ?? null;
  if (section === 'hotspots') return a.analysis?.hotspots?.gi.filter((g) => g.class === 'hot').map((g) => g.lsoa) ?? null;
  if (section === 'changes') return a.changes ?? null;
  if (section.startsWith('locality-')) {
    const r = a.localityReports?.find((l) => `locality-${slug(l.name)}` === section);
    return r ? [r.byYear, r.topCategories.map((c) => [c.category, c.lastYear]), r.hotspots.map((h) => h.lsoa)] : null;
  }
  if (section.startsWith('theme-')) return a.themes?.find((t) => `theme-${t.id}` === section) ?? null;
  return a.findings.map((f) => f.figures.map((g) => g.value));
}

export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value ?? null)).digest('hex').slice(0, 12);
}

const MARK = /^<!--\s*figures:\s*([0-9a-f]+)\s*-->\s*$/m;

/** Splits the file into blocks by `## section-id` headings (text before the first is ignored). */
function parseBlocks(text: string): { section: string; body: string }[] {
  const parts = text.split(/^##\s+/m).slice(1);
  return parts.map((p) => {
    const nl = p.indexOf('\n');
    return { section: (nl < 0 ? p : p.slice(0, nl)).trim(), body: nl < 0 ? '' : p.slice(nl + 1) };
  });
}

/**
 * Reads the narrative file and fingerprints each block against the assessment. Blocks written
 * without a fingerprint are signed in the file with the current one; nothing else in it changes.
 */
export function loadNarrative(file: string, a: Omit<Assessment, 'narrative'>): NarrativeBlock[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  const blocks = parseBlocks(text).filter((b) => b.body.replace(MARK, '').trim() !== '');
  let updated = text;
  const out = blocks.map((b) => {
    const current = fingerprint(sectionFigures(a, b.section));
    const written = MARK.exec(b.body)?.[1];
    if (!written) updated = updated.replace(new RegExp(`^##\\s+${b.section.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \\t]*\\n`, 'm'), (h) => `${h}<!-- figures: ${current} -->\n`);
    return { section: b.section, markdown: b.body.replace(MARK, '').trim(), writtenFingerprint: written ?? current, currentFingerprint: current, stale: written !== undefined && written !== current };
  });
  if (updated !== text) writeFileSync(file, updated);
  return out;
}
