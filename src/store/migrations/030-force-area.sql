-- The districts of the force area the partnership is compared with: configured as a list of codes or
-- a property of the district layer, never "every polygon in the file". Empty: derived from where the
-- force's incidents fall (see src/geography/force-area.ts).
CREATE TABLE force_area (
  district_code TEXT PRIMARY KEY,
  basis TEXT NOT NULL            -- 'list' | 'property'
);
