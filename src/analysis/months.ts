/** Month arithmetic on 'YYYY-MM' keys, the unit of police open data. */

export function monthIndex(month: string): number {
  return Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
}

export function monthFromIndex(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}

export function addMonths(month: string, n: number): string {
  return monthFromIndex(monthIndex(month) + n);
}

/** Every month from `from` to `to`, inclusive. */
export function monthsInRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i++) out.push(monthFromIndex(i));
  return out;
}

export function monthsBetween(from: string, to: string): number {
  return monthIndex(to) - monthIndex(from) + 1;
}

/** Calendar years whose twelve months all fall within the range. */
export function fullYears(from: string, to: string): number[] {
  const years: number[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    if (`${y}-01` >= from && `${y}-12` <= to) years.push(y);
  }
  return years;
}
