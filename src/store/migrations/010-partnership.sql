-- Partnership datasets: one table per template (src/sources/partnership/datasets.ts, which a test
-- holds these tables to). Person identifiers arrive here only as keyed-hash pseudonyms.

-- Missing from home or care. Replacement key: month of date_reported: the file replaces every stored episode reported in a month it holds.
CREATE TABLE partner_missing_episodes (
  person_id VARCHAR NOT NULL,  -- HMAC-SHA-256 pseudonym (hex), never the raw identifier
  date_reported DATE NOT NULL,
  date_found DATE,
  age INTEGER NOT NULL,
  looked_after BOOLEAN NOT NULL,
  placing_authority VARCHAR,
  out_of_area BOOLEAN NOT NULL,
  lsoa_code VARCHAR,
  risk VARCHAR NOT NULL,
  load_id BIGINT NOT NULL
);

-- Domestic abuse incidents and crimes. Replacement key: area_code and month of incident_date.
CREATE TABLE partner_domestic_abuse (
  incident_date DATE NOT NULL,
  area_code VARCHAR NOT NULL,
  lsoa_code VARCHAR,
  record_type VARCHAR NOT NULL,
  victim_id VARCHAR NOT NULL,  -- HMAC-SHA-256 pseudonym (hex), never the raw identifier
  repeat_victim BOOLEAN,
  risk VARCHAR,
  load_id BIGINT NOT NULL
);

-- Child sexual exploitation incidents and crimes. Replacement key: area_code and month of incident_date.
CREATE TABLE partner_cse (
  incident_date DATE NOT NULL,
  area_code VARCHAR NOT NULL,
  locality VARCHAR,
  record_type VARCHAR NOT NULL,
  load_id BIGINT NOT NULL
);

-- Hate incidents and crimes. Replacement key: area_code and month of incident_date.
CREATE TABLE partner_hate (
  incident_date DATE NOT NULL,
  area_code VARCHAR NOT NULL,
  lsoa_code VARCHAR,
  record_type VARCHAR NOT NULL,
  race BOOLEAN NOT NULL,
  religion BOOLEAN NOT NULL,
  sexual_orientation BOOLEAN NOT NULL,
  disability BOOLEAN NOT NULL,
  transgender_identity BOOLEAN NOT NULL,
  alternative_subculture BOOLEAN NOT NULL,
  load_id BIGINT NOT NULL
);

-- Fire incidents. Replacement key: area_code and month of incident_date.
CREATE TABLE partner_fires (
  incident_date DATE NOT NULL,
  area_code VARCHAR NOT NULL,
  lsoa_code VARCHAR,
  fire_type VARCHAR NOT NULL,
  motive VARCHAR NOT NULL,
  cause VARCHAR,
  load_id BIGINT NOT NULL
);

-- Drugs and alcohol: hospital admissions and treatment. Replacement key: period, area_code, measure and age_group.
CREATE TABLE partner_drugs_alcohol (
  period VARCHAR NOT NULL,
  area_code VARCHAR NOT NULL,
  area_name VARCHAR NOT NULL,
  measure VARCHAR NOT NULL,
  age_group VARCHAR NOT NULL,
  count INTEGER,
  rate_per_100000 DOUBLE,
  load_id BIGINT NOT NULL
);

-- Proven reoffending cohorts. Replacement key: period, area_code and offender_type.
CREATE TABLE partner_reoffending (
  period VARCHAR NOT NULL,
  area_code VARCHAR NOT NULL,
  area_name VARCHAR NOT NULL,
  offender_type VARCHAR NOT NULL,
  cohort INTEGER NOT NULL,
  reoffenders INTEGER NOT NULL,
  reoffences INTEGER NOT NULL,
  previous_offences DOUBLE NOT NULL,
  load_id BIGINT NOT NULL
);

-- Children cautioned or sentenced (Youth Justice Board). Replacement key: area_code, period, indicator and measure.
CREATE TABLE partner_youth_justice (
  area_code VARCHAR NOT NULL,
  area_name VARCHAR NOT NULL,
  area_type VARCHAR NOT NULL,
  period VARCHAR NOT NULL,
  indicator VARCHAR NOT NULL,
  measure VARCHAR NOT NULL,
  unit VARCHAR NOT NULL,
  value DOUBLE NOT NULL,
  compared_to_England VARCHAR,
  inequality VARCHAR,
  load_id BIGINT NOT NULL
);

-- Statistical neighbour group. Replacement key: the whole table: one group is held at a time.
CREATE TABLE partner_statistical_neighbours (
  area_code VARCHAR NOT NULL,
  area_name VARCHAR NOT NULL,
  load_id BIGINT NOT NULL
);

-- Organised crime group register (restricted). Replacement key: snapshot_date: a snapshot replaces the stored one of the same date.
CREATE TABLE partner_ocg_register (
  snapshot_date DATE NOT NULL,
  group_id VARCHAR NOT NULL,
  status VARCHAR NOT NULL,
  activities VARCHAR[] NOT NULL,
  localities VARCHAR[] NOT NULL,
  individuals INTEGER NOT NULL,
  load_id BIGINT NOT NULL
);

-- Prevent / Channel referrals (restricted). Replacement key: month of referral_date.
CREATE TABLE partner_prevent_referrals (
  referral_date DATE NOT NULL,
  referral_source VARCHAR NOT NULL,
  concern VARCHAR NOT NULL,
  adopted BOOLEAN,
  load_id BIGINT NOT NULL
);

-- Public perception survey results. Replacement key: period, area_code and question.
CREATE TABLE partner_perception_survey (
  period VARCHAR NOT NULL,
  area_code VARCHAR NOT NULL,
  area_name VARCHAR NOT NULL,
  question VARCHAR NOT NULL,
  respondents INTEGER,
  share_agreeing DOUBLE NOT NULL,
  load_id BIGINT NOT NULL
);

