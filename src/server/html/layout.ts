/** The web app's page shell: GOV.UK Frontend look, served CSS, navigation by role, and escaping helpers. */
import { esc } from '../../render/html/format.ts';
import type { Session } from '../auth/sessions.ts';

export { esc };

/** Markup that is already safe (built from escaped parts); plain strings are always escaped. */
export interface Html {
  html: string;
}
export const raw = (html: string): Html => ({ html });

/** A tagged template that escapes every interpolated value unless it is `Html` (or a list of them). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += part(v) + strings[i + 1]!;
  });
  return { html: out };
}

function part(v: unknown): string {
  if (v === null || v === undefined || v === false) return '';
  if (Array.isArray(v)) return v.map(part).join('');
  if (typeof v === 'object' && 'html' in (v as object)) return (v as Html).html;
  return esc(String(v));
}

export interface PageInput {
  title: string;
  session: Session | null;
  /** Navigation item to mark current. */
  current?: 'dashboard' | 'workshops' | 'gaps' | 'sources' | 'report';
  body: Html;
  /** Extra head markup (served CSS) and scripts at the end of the body, all same-origin. */
  head?: Html;
  scripts?: Html;
}

const NAV: [NonNullable<PageInput['current']>, string, string][] = [
  ['dashboard', '/', 'Dashboard'],
  ['workshops', '/workshops', 'Locality workshops'],
  ['gaps', '/gaps', 'Intelligence gaps'],
  ['sources', '/sources', 'Data sources'],
  ['report', '/report', 'Report'],
];

export function page(p: PageInput): string {
  const s = p.session;
  const nav = s
    ? html`<nav aria-label="Menu" class="govuk-service-navigation__wrapper"><ul class="govuk-service-navigation__list">${NAV.map(
        ([key, href, label]) =>
          html`<li class="govuk-service-navigation__item${key === p.current ? ' govuk-service-navigation__item--active' : ''}"><a class="govuk-service-navigation__link" href="${href}"${raw(key === p.current ? ' aria-current="page"' : '')}>${label}</a></li>`,
      )}</ul></nav>`
    : html``;
  const who = s
    ? html`<form method="post" action="/sign-out" class="app-signout"><input type="hidden" name="_csrf" value="${s.csrfToken}"><span class="govuk-body-s">${s.user.username} (${s.user.role}${s.user.restrictedClearance ? ', restricted clearance' : ''})</span> <button class="govuk-button govuk-button--secondary app-signout__button" data-module="govuk-button">Sign out</button></form>`
    : html``;
  return `<!doctype html>
<html lang="en" class="govuk-template govuk-template--rebranded">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(p.title)}: csp-assess</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/govuk.css">
<link rel="stylesheet" href="/assets/app.css">
${p.head?.html ?? ''}
</head>
<body class="govuk-template__body">
<a href="#main" class="govuk-skip-link">Skip to main content</a>
<header class="govuk-header app-header"><div class="govuk-header__container govuk-width-container app-wide app-header__row"><span class="govuk-header__link govuk-header__service-name">Community safety assessment</span>${who.html}</div></header>
<section class="govuk-service-navigation" aria-label="Service information"><div class="govuk-width-container app-wide"><div class="govuk-service-navigation__container">${nav.html}</div></div></section>
<div class="govuk-width-container app-wide">
<main class="govuk-main-wrapper" id="main">
<h1 class="govuk-heading-l">${esc(p.title)}</h1>
${p.body.html}
</main>
</div>
${p.scripts?.html ?? ''}
</body>
</html>`;
}

/** An error message (written lower-case for logs and JSON) as a sentence on a page. */
const sentence = (m: string) => `${m.charAt(0).toUpperCase()}${m.slice(1)}${/[.!?]$/.test(m) ? '' : '.'}`;

export function errorPage(session: Session | null, status: number, message: string): string {
  const title = status === 401 ? 'Sign in' : status === 403 ? 'You cannot see this page' : status === 404 ? 'Page not found' : 'Sorry, there is a problem';
  return page({ title, session, body: html`<p class="govuk-body">${sentence(message)}</p>${status === 401 ? raw(signInForm()) : ''}` });
}

export function signInForm(error?: string): string {
  return html`${error ? html`<div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2><div class="govuk-error-summary__body"><p class="govuk-body">${sentence(error)}</p></div></div></div>` : ''}
<form method="post" action="/sign-in" novalidate>
<div class="govuk-form-group"><label class="govuk-label" for="username">Username</label><input class="govuk-input govuk-!-width-one-third" id="username" name="username" type="text" autocomplete="username" spellcheck="false"></div>
<div class="govuk-form-group"><label class="govuk-label" for="password">Password</label><input class="govuk-input govuk-!-width-one-third" id="password" name="password" type="password" autocomplete="current-password"></div>
<button class="govuk-button" data-module="govuk-button">Sign in</button>
</form>`.html;
}

/** A GOV.UK summary of key-value pairs. */
export function summaryList(rows: [string, Html | string | number | null][]): Html {
  return html`<dl class="govuk-summary-list">${rows.map(([k, v]) => html`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">${k}</dt><dd class="govuk-summary-list__value">${v ?? '—'}</dd></div>`)}</dl>`;
}
