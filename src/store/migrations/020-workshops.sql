-- Locality workshops: practitioners record and rank the local issues they see. Written by the web app
-- (server) and by `ingest workshops` (CSV/XLSX template); read by the assessment.
CREATE TABLE IF NOT EXISTS workshop (
  workshop_id TEXT PRIMARY KEY,
  locality TEXT NOT NULL,
  held_on DATE NOT NULL,
  title TEXT,
  -- open: practitioners may record issues; closed: read only
  status TEXT NOT NULL DEFAULT 'open',
  created_by TEXT,
  created_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS workshop_issue (
  issue_id TEXT PRIMARY KEY,
  workshop_id TEXT NOT NULL,
  locality TEXT NOT NULL,
  organisation TEXT NOT NULL,
  -- one of the configured workshops.issueCategories, or 'Other'
  category TEXT NOT NULL,
  -- free text as the practitioner wrote it (escaped on output, never a formula in XLSX)
  issue_text TEXT,
  -- 1 = most important to the practitioner who recorded it
  rank INTEGER,
  recorded_by TEXT,
  recorded_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
  -- 'web' or 'import:<file name>'
  source TEXT NOT NULL
);
