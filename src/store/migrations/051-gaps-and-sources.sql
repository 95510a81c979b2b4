-- The intelligence gaps register and the data source catalogue: kept by analysts in the web app.
CREATE TABLE IF NOT EXISTS intelligence_gap (
  gap_id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  description TEXT,
  -- the priority theme or issue the gap is about, free text
  theme TEXT,
  -- who will close it
  owner TEXT,
  -- open | in progress | closed
  status TEXT NOT NULL DEFAULT 'open',
  updated_by TEXT,
  updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE IF NOT EXISTS data_source (
  source_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  owner TEXT,
  -- area and period the source covers, as the owner describes them
  coverage TEXT,
  refreshed_on DATE,
  quality_notes TEXT,
  updated_by TEXT,
  updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
