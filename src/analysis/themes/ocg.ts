import type { OcgDetail } from './types.ts';
import { bump } from './common.ts';

export interface OcgGroup {
  groupId: string;
  status: 'active' | 'archived';
  /** Most important first. */
  activities: readonly string[];
  localities: readonly string[];
  individuals: number;
}

/** Organised crime groups in one register snapshot: active groups, individuals, activities and localities. */
export function ocg(input: { snapshotDate: string; groups: readonly OcgGroup[] }): OcgDetail {
  const active = input.groups.filter((g) => g.status === 'active');
  const activities = new Map<string, { groups: number; primary: number }>();
  const localities = new Map<string, number>();
  for (const g of active) {
    g.activities.forEach((a, i) => {
      const v = activities.get(a) ?? { groups: 0, primary: 0 };
      v.groups++;
      if (i === 0) v.primary++;
      activities.set(a, v);
    });
    for (const l of new Set(g.localities)) bump(localities, l);
  }
  return {
    kind: 'ocg',
    snapshotDate: input.snapshotDate,
    groups: active.length,
    individuals: active.reduce((a, g) => a + g.individuals, 0),
    activities: [...activities.entries()].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.groups - a.groups || b.primary - a.primary || a.name.localeCompare(b.name)),
    localities: [...localities.entries()].map(([name, groups]) => ({ name, groups })).sort((a, b) => b.groups - a.groups || a.name.localeCompare(b.name)),
  };
}
