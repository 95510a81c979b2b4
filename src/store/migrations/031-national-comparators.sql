-- England and Wales comparators (dataset national-comparators). Replacement key: measure, period and area_code.
CREATE TABLE partner_national_comparators (
  measure VARCHAR NOT NULL,
  period VARCHAR NOT NULL,
  area_code VARCHAR NOT NULL,
  area_name VARCHAR NOT NULL,
  count INTEGER,
  population INTEGER,
  rate_per_1000 DOUBLE,
  load_id BIGINT NOT NULL
);
