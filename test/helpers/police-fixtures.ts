import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const STREET_HEADER =
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

/** A small street file: each row given as the 12 fields, joined with commas (quote fields yourself). */
export function streetCsv(rows: string[], eol = '\n'): string {
  return [STREET_HEADER, ...rows].join(eol) + eol;
}

export const GOOD_ROWS = [
  'abc1,2016-12,Greater Manchester Police,Greater Manchester Police,-2.157,53.409,On or near Mersey Way,E01005758,Stockport 014B,Shoplifting,Under investigation,',
  ',2016-12,Greater Manchester Police,Greater Manchester Police,-2.160,53.410,On or near Park,E01005758,Stockport 014B,Anti-social behaviour,,',
  'abc2,2016-12,Greater Manchester Police,Greater Manchester Police,,,No Location,,,Violence and sexual offences,Under investigation,',
  'abc3,2016-12,Greater Manchester Police,Greater Manchester Police,-2.150,53.400,"On or near Hall Street, Offerton",E01005872,Stockport 019B,Burglary,Under investigation,',
];

export function writeStreet(dir: string, name: string, rows: string[] = GOOD_ROWS, eol = '\n'): string {
  const file = join(dir, name);
  writeFileSync(file, streetCsv(rows, eol));
  return file;
}
