import type { Store } from '../store.ts';

/** One issue a practitioner recorded at a locality workshop. */
export interface WorkshopIssueRow {
  workshopId: string;
  locality: string;
  heldOn: string;
  organisation: string;
  category: string;
  issueText: string | null;
  rank: number | null;
  source: string;
}

export async function queryWorkshopIssues(store: Store): Promise<WorkshopIssueRow[]> {
  return store.all<WorkshopIssueRow>(
    `SELECT i.workshop_id AS workshopId, i.locality, strftime(w.held_on, '%Y-%m-%d') AS heldOn, i.organisation, i.category,
            i.issue_text AS issueText, i.rank, i.source
     FROM workshop_issue i JOIN workshop w USING (workshop_id)
     ORDER BY i.locality, i.workshop_id, i.rank NULLS LAST, i.issue_id`,
  );
}

export interface WorkshopInsert {
  workshop: { workshopId: string; locality: string; heldOn: string; title: string | null };
  issues: { issueId: string; organisation: string; category: string; issueText: string | null; rank: number | null; recordedBy: string | null }[];
}

/**
 * Loads workshops and their issues from one file in a transaction; a file loaded again replaces its
 * own rows (same source), so re-importing a corrected sheet never doubles the issues.
 */
export async function insertWorkshops(store: Store, source: string, workshops: readonly WorkshopInsert[]): Promise<number> {
  let n = 0;
  await store.transaction(async () => {
    await store.run(`DELETE FROM workshop_issue WHERE source = $source`, { source });
    for (const w of workshops) {
      await store.run(
        `INSERT INTO workshop (workshop_id, locality, held_on, title, status, created_by) VALUES ($id, $locality, CAST($heldOn AS DATE), $title, 'closed', $source)
         ON CONFLICT (workshop_id) DO UPDATE SET locality = excluded.locality, held_on = excluded.held_on, title = excluded.title`,
        { id: w.workshop.workshopId, locality: w.workshop.locality, heldOn: w.workshop.heldOn, title: w.workshop.title, source },
      );
      for (const i of w.issues) {
        await store.run(
          `INSERT INTO workshop_issue (issue_id, workshop_id, locality, organisation, category, issue_text, rank, recorded_by, source)
           VALUES ($issueId, $workshopId, $locality, $organisation, $category, $issueText, $rank, $recordedBy, $source)`,
          { ...i, workshopId: w.workshop.workshopId, locality: w.workshop.locality, source },
        );
        n++;
      }
    }
  });
  return n;
}
