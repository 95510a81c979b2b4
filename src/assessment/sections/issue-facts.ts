/** Facts about a partnership issue that several sections read: its lead tested change and its yearly volume. */
import type { ChangeResult } from '../../analysis/change-types.ts';
import type { IssueSection } from '../themes-model.ts';

/** The lead change an issue's detail was tested on, when it has one. */
export function issueChange(issue: IssueSection): ChangeResult | null {
  const d = issue.detail;
  if (!d) return null;
  switch (d.kind) {
    case 'missing':
    case 'hate':
    case 'police':
      return d.change;
    case 'domestic-abuse':
      return d.crimeChange;
    case 'cse':
      return d.incidentChange;
    case 'fires':
      return d.deliberateChange;
    case 'drugs-alcohol':
      return d.drugOffenceChange;
    default:
      return null;
  }
}

/** Where the lead change sits in the issue's detail (a path below `detail`). */
export function issueChangePath(issue: IssueSection): string {
  switch (issue.detail?.kind) {
    case 'domestic-abuse':
      return 'crimeChange';
    case 'cse':
      return 'incidentChange';
    case 'fires':
      return 'deliberateChange';
    case 'drugs-alcohol':
      return 'drugOffenceChange';
    default:
      return 'change';
  }
}

/** The issue's count in its latest full year, what it counts and where it is in the issue's detail; null without data. */
export function issueVolume(issue: IssueSection): { count: number; label: string; path: string } | null {
  const d = issue.detail;
  if (!d) return null;
  const last = <T>(xs: readonly T[]): T | undefined => xs[xs.length - 1];
  switch (d.kind) {
    case 'missing': {
      const y = last(d.byYear);
      return y ? { count: y.episodes, label: `missing episodes ${y.year}`, path: `byYear.${d.byYear.length - 1}.episodes` } : null;
    }
    case 'domestic-abuse': {
      const y = last(d.byYear);
      return y ? { count: y.total, label: `incidents and crimes ${y.year}`, path: `byYear.${d.byYear.length - 1}.total` } : null;
    }
    case 'cse': {
      const y = last(d.byYear);
      return y ? { count: y.incidents, label: `incidents ${y.year}`, path: `byYear.${d.byYear.length - 1}.incidents` } : null;
    }
    case 'hate': {
      const y = last(d.byYear);
      return y ? { count: y.incidents + y.crimes, label: `incidents and crimes ${y.year}`, path: `byYear.${d.byYear.length - 1}` } : null;
    }
    case 'fires': {
      const y = last(d.byYear);
      return y ? { count: y.total, label: `fires ${y.year}`, path: `byYear.${d.byYear.length - 1}.total` } : null;
    }
    case 'drugs-alcohol': {
      const y = last(d.drugOffences);
      return y ? { count: y.count, label: `drug offences ${y.year}`, path: `drugOffences.${d.drugOffences.length - 1}.count` } : null;
    }
    case 'police': {
      const y = last(d.byYear);
      return y ? { count: y.count, label: `recorded ${y.year}`, path: `byYear.${d.byYear.length - 1}.count` } : null;
    }
    case 'reoffending': {
      const r = last(d.adult?.rows ?? []);
      return r ? { count: r.reoffenders, label: `adult reoffenders ${r.period}`, path: `adult.rows.${(d.adult?.rows.length ?? 1) - 1}.reoffenders` } : null;
    }
    case 'ocg':
      return { count: d.individuals, label: `individuals in active groups`, path: 'individuals' };
    case 'prevent': {
      const y = last(d.byYear);
      return y ? { count: y.count, label: `referrals ${y.year}`, path: `byYear.${d.byYear.length - 1}.count` } : null;
    }
    case 'perception':
      return null;
  }
}
