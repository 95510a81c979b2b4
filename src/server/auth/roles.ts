/** The roles of the web app, lightest first to heaviest: a module of its own so the CLI can name them at start-up. */
export const ROLES = ['admin', 'analyst', 'practitioner', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
