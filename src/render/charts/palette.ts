/**
 * GOV.UK Frontend v6 palette colours used by charts and maps. Crime is blue and ASB dark orange: a
 * pair that stays distinct under the common colour-vision deficiencies, each >= 4.5:1 against white
 * (so also meets the 3:1 non-text minimum). Series also differ by a second cue (dash, symbol) so
 * colour never carries meaning alone. Text is govuk black on white (19:1).
 */
export const palette = {
  text: '#0b0c0c',
  secondaryText: '#484949',
  crime: '#1d70b8', // blue primary, 5.2:1
  crimePartial: '#8eb8dc', // blue tint-50: partial-year bars (also labelled in words)
  asb: '#b7592a', // orange shade-25, 4.6:1
  asbPartial: '#fabb9c', // orange tint-50
  highlight: '#0b0c0c',
  grid: '#b1b4b6',
} as const;

/** Five-class sequential scale from the GOV.UK blue tints and shades (light = low). */
export const sequentialBlues = ['#d2e2f1', '#8eb8dc', '#5694ca', '#1d70b8', '#0f385c'] as const;

/** Font stack shared with the page (GOV.UK Frontend falls back to arial when GDS Transport is absent). */
export const chartFont = 'arial, sans-serif';
