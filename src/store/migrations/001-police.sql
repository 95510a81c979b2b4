-- Small facts about the store, e.g. the fingerprint of the geography last loaded.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- Every file load, for provenance and idempotence.
CREATE SEQUENCE IF NOT EXISTS load_seq START 1;
CREATE TABLE loads (
  load_id BIGINT PRIMARY KEY,
  source TEXT NOT NULL,          -- 'police' or the name of an incident import or partner dataset
  kind TEXT NOT NULL,            -- street | outcomes | stop-and-search | incidents | <partner dataset>
  file TEXT NOT NULL,            -- as given, archive members as archive.zip!member
  sha256 TEXT NOT NULL,
  rows BIGINT NOT NULL,
  encoding TEXT NOT NULL,
  -- Synthetic demonstration data is marked at load, so it is never mixed with real data silently.
  synthetic BOOLEAN NOT NULL DEFAULT false,
  loaded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);

-- Police street-level crime and ASB, and any other incident extract, one row per incident.
CREATE TABLE incidents (
  source TEXT NOT NULL,          -- 'police' for data.police.uk, else the import's name
  force TEXT NOT NULL,           -- data.police.uk "Reported by"; for imports the source name
  falls_within TEXT,
  month DATE NOT NULL,           -- first day of the month
  incident_date DATE,            -- where the extract has a day
  crime_id TEXT,                 -- empty for ASB in data.police.uk
  category TEXT NOT NULL,        -- normalised category (data.police.uk crime type since 2013)
  category_raw TEXT NOT NULL,    -- as supplied
  lon DOUBLE,
  lat DOUBLE,
  location TEXT,
  lsoa_code TEXT,                -- as supplied (the snapped point's LSOA)
  lsoa_name TEXT,
  lsoa_assigned TEXT,            -- by point-in-polygon, where no code was supplied but coordinates were
  outcome TEXT,
  context TEXT,
  load_id BIGINT NOT NULL
);

CREATE TABLE outcomes (
  force TEXT NOT NULL,
  falls_within TEXT,
  month DATE NOT NULL,
  crime_id TEXT NOT NULL,
  lon DOUBLE,
  lat DOUBLE,
  location TEXT,
  lsoa_code TEXT,
  lsoa_name TEXT,
  outcome_type TEXT NOT NULL,
  load_id BIGINT NOT NULL
);

CREATE TABLE stop_search (
  force TEXT NOT NULL,           -- from the file name: the file itself does not say
  month DATE NOT NULL,           -- the month of the file
  type TEXT,
  searched_at TIMESTAMPTZ,
  part_of_operation BOOLEAN,
  operation TEXT,
  lat DOUBLE,
  lon DOUBLE,
  gender TEXT,
  age_range TEXT,
  self_defined_ethnicity TEXT,
  officer_defined_ethnicity TEXT,
  legislation TEXT,
  object_of_search TEXT,
  outcome TEXT,
  outcome_linked BOOLEAN,
  removal_of_clothing BOOLEAN,
  load_id BIGINT NOT NULL
);

-- Geography: each LSOA with its ward, locality and district, from the area configuration.
CREATE TABLE lsoa_geo (
  lsoa_code TEXT PRIMARY KEY,
  lsoa_name TEXT,
  vintage INTEGER,
  ward_code TEXT,
  ward_name TEXT,
  locality TEXT,
  district_code TEXT,
  district_name TEXT
);

-- Boundaries as GeoJSON geometry text (WGS84), for maps and spatial statistics.
CREATE TABLE boundaries (
  level TEXT NOT NULL,           -- lsoa | ward | district | locality | place
  code TEXT NOT NULL,
  name TEXT,
  vintage INTEGER,
  geometry TEXT NOT NULL,
  PRIMARY KEY (level, code)
);

CREATE TABLE population (
  code TEXT NOT NULL,
  level TEXT NOT NULL,
  year INTEGER NOT NULL,
  population DOUBLE NOT NULL,
  households DOUBLE,
  source TEXT,
  PRIMARY KEY (code, year)
);

-- Deprivation by LSOA: decile 1 is the most deprived tenth of the country.
CREATE TABLE deprivation (
  lsoa_code TEXT PRIMARY KEY,
  imd_rank INTEGER NOT NULL,
  imd_decile INTEGER NOT NULL,
  year INTEGER NOT NULL
);

-- Incidents with their geography. Rows with no known LSOA keep NULL geography: "location unknown".
CREATE VIEW incident_geo AS
SELECT
  i.*,
  coalesce(i.lsoa_code, i.lsoa_assigned) AS lsoa,
  year(i.month) AS year,
  strftime(i.month, '%Y-%m') AS month_key,
  g.ward_code,
  g.ward_name,
  g.locality,
  g.district_code,
  -- Outside the configured lookup, data.police.uk LSOA names still name their district ("Bolton 001A").
  coalesce(g.district_name, nullif(regexp_extract(i.lsoa_name, '^(.*) [0-9]{3}[A-Z]$', 1), '')) AS district_name
FROM incidents i
LEFT JOIN lsoa_geo g ON g.lsoa_code = coalesce(i.lsoa_code, i.lsoa_assigned);
