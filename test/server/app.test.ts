import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { exampleAssessment } from '../../src/render/sections/examples.ts';
import ExcelJS from 'exceljs';
import { buildApp, type AppOptions } from '../../src/server/app.ts';
import { inert } from '../../src/server/workshops.ts';
import { runCli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/paths.ts';
import { writeStreet } from '../helpers/police-fixtures.ts';
import { addTestUsers, as, PASSWORD, runCliStdin, signIn, type SignedIn } from './helpers.ts';

const RESTRICTED = ['cse', 'ocg', 'prevent'];

describe('server: accounts, sessions, roles, CSRF and hardening', () => {
  const dir = tempDir();
  const db = join(dir, 's.duckdb');
  const model = join(dir, 'assessment.json');
  let app: FastifyInstance;
  let ana: SignedIn;
  let pat: SignedIn;
  let vic: SignedIn;
  const options: AppOptions = { db, model, signIn: { limit: 3, windowMs: 60_000 } };

  beforeAll(async () => {
    expect((await runCli('ingest', 'police', writeStreet(dir, 'a.csv'), '--db', db)).code).toBe(0);
    await addTestUsers(db);
    writeFileSync(model, JSON.stringify(exampleAssessment));
    app = await buildApp(options);
    [ana, pat, vic] = [await signIn(app, 'ana'), await signIn(app, 'pat'), await signIn(app, 'vic')];
  });
  afterAll(async () => app?.close());

  it('answers /health and the sign-in page without a session, and 401 to everything else', async () => {
    expect((await app.inject({ url: '/health' })).json()).toEqual({ ok: true });
    expect((await app.inject({ url: '/sign-in' })).statusCode).toBe(200);
    for (const url of ['/api/assessment', '/api/counts?by=month', '/api/workshops', '/api/gaps', '/api/session', '/api/nothing-here', '/nothing-here']) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(401);
    }
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(401);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.body).toContain('action="/sign-in"');
    expect((await app.inject({ url: '/api/assessment', headers: { cookie: 'csp_session=forged' } })).statusCode).toBe(401);
  });

  it('signs in with an httpOnly, SameSite=Strict cookie that expires, and says who is signed in', async () => {
    const r = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'vic', password: PASSWORD } });
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/^csp_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=28800$/);
    const who = await as(app, vic, 'GET', '/api/session');
    expect(who.json()).toMatchObject({ username: 'vic', role: 'viewer', restrictedClearance: false, csrfToken: vic.csrf });
    expect((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'vic', password: 'wrong password!' } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'nobody', password: PASSWORD } })).statusCode).toBe(401);
  });

  it('leaves restricted themes out of an uncleared model and answers 403 for them; a cleared analyst sees them, audited', async () => {
    const m = (await as(app, pat, 'GET', '/api/assessment')).json();
    const ids = m.themes.flatMap((t: { issues: { id: string }[] }) => t.issues.map((i) => i.id));
    for (const id of RESTRICTED) expect(ids).not.toContain(id);
    expect(m.findings.every((f: { restricted: boolean }) => !f.restricted)).toBe(true);
    for (const id of RESTRICTED) {
      expect((await as(app, pat, 'GET', `/api/themes/${id}`)).statusCode).toBe(403);
      expect((await as(app, pat, 'GET', `/themes/${id}`)).statusCode).toBe(403);
      expect((await as(app, pat, 'GET', `/api/dashboard/counts?theme=${id}`)).statusCode).toBe(403);
      expect((await as(app, pat, 'GET', `/?theme=${id}`)).statusCode).toBe(403);
    }
    expect((await as(app, pat, 'GET', '/api/themes/crime')).statusCode).toBe(200);
    // Rebuilding is for analysts, and needs the configuration the server was not given here.
    expect((await as(app, pat, 'POST', '/api/assessment/rebuild')).statusCode).toBe(403);
    expect((await as(app, ana, 'POST', '/api/assessment/rebuild')).json()).toEqual({ code: 'CSP_ERR_USAGE', message: expect.stringContaining('without --config') });
    const full = (await as(app, ana, 'GET', '/api/assessment')).json();
    expect(full.themes.flatMap((t: { issues: { id: string }[] }) => t.issues.map((i) => i.id))).toEqual(expect.arrayContaining(RESTRICTED));
    expect((await as(app, ana, 'GET', '/api/themes/prevent')).statusCode).toBe(200);
    const report = await as(app, pat, 'GET', '/report');
    expect(report.statusCode).toBe(200);
    expect(report.body).not.toContain('Prevent and Channel referrals');
  });

  it('counts the dashboard incidents under its filters: theme, locality, category, period', async () => {
    const all = (await as(app, vic, 'GET', '/api/dashboard/counts')).json();
    // The fixture's located Stockport rows; the row with no location is in no district.
    expect(all.total).toBe(3);
    expect(all.byCategory).toEqual([
      { category: 'Anti-social behaviour', count: 1 },
      { category: 'Burglary', count: 1 },
      { category: 'Shoplifting', count: 1 },
    ]);
    expect((await as(app, vic, 'GET', '/api/dashboard/counts?category=Burglary')).json().total).toBe(1);
    expect((await as(app, vic, 'GET', '/api/counts?by=crime_type&crimeType=Burglary')).json()).toEqual([{ crime_type: 'Burglary', count: 1 }]);
    expect((await as(app, vic, 'GET', '/api/counts?by=colour')).json()).toEqual({ code: 'CSP_ERR_USAGE', message: expect.stringContaining('unknown dimension') });
    expect((await as(app, vic, 'GET', '/api/dashboard/counts?theme=asb')).json().byCategory).toEqual([{ category: 'Anti-social behaviour', count: 1 }]);
    // A theme measured from partnership data only has no police counts, rather than all of them.
    expect((await as(app, vic, 'GET', '/api/dashboard/counts?theme=hate')).json()).toEqual({ total: 0, byMonth: [], byCategory: [], byLocality: [] });
    expect((await as(app, vic, 'GET', '/api/dashboard/counts?from=2017-01')).json().total).toBe(0);
    expect((await as(app, vic, 'GET', '/api/dashboard/counts?from=2016-13')).statusCode).toBe(400);
    expect((await as(app, vic, 'GET', '/api/dashboard/counts?theme=nonsense')).statusCode).toBe(400);
    const page = await as(app, vic, 'GET', '/?category=Burglary');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<span class="govuk-!-font-size-48 govuk-!-font-weight-bold" id="total">1</span>');
  });

  it('refuses a change without the CSRF token, with a wrong one, or from another origin', async () => {
    const body = { locality: 'Edgeley', heldOn: '2026-03-18' };
    const none = await app.inject({ method: 'POST', url: '/api/workshops', headers: { cookie: ana.cookie }, payload: body });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('CSP_ERR_FORBIDDEN');
    const wrong = await app.inject({ method: 'POST', url: '/api/workshops', headers: { cookie: ana.cookie, 'x-csrf-token': pat.csrf }, payload: body });
    expect(wrong.statusCode).toBe(403);
    const other = await app.inject({ method: 'POST', url: '/api/workshops', headers: { cookie: ana.cookie, 'x-csrf-token': ana.csrf, origin: 'http://evil.example' }, payload: body });
    expect(other.statusCode).toBe(403);
    const form = await app.inject({ method: 'POST', url: '/workshops', headers: { cookie: ana.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'locality=Edgeley&heldOn=2026-03-18' });
    expect(form.statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: vic.cookie } })).statusCode).toBe(403);
  });

  it('runs a workshop: analysts open it, practitioners record and rank issues, text stored as written and escaped on the page', async () => {
    expect((await as(app, pat, 'POST', '/api/workshops', { locality: 'Edgeley', heldOn: '2026-03-18' })).statusCode).toBe(403);
    expect((await as(app, ana, 'POST', '/api/workshops', { locality: 'Atlantis', heldOn: '2026-03-18' })).statusCode).toBe(400);
    expect((await as(app, ana, 'POST', '/api/workshops', { locality: 'Edgeley', heldOn: '2026-02-30' })).statusCode).toBe(400);
    const w = await as(app, ana, 'POST', '/api/workshops', { locality: 'Edgeley', heldOn: '2026-03-18', title: 'Spring <b>workshop</b>' });
    expect(w.statusCode).toBe(201);
    const id = w.json().workshopId as string;
    const script = '<script>alert("x")</script> & =SUM(A1)';
    const first = await as(app, pat, 'POST', `/api/workshops/${id}/issues`, { category: 'Other', text: script });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ text: script, organisation: 'Stockport Homes', rank: 1, category: 'Other' });
    const second = await as(app, pat, 'POST', `/api/workshops/${id}/issues`, { category: 'Drug dealing' });
    expect(second.json().rank).toBe(2);
    expect((await as(app, vic, 'POST', `/api/workshops/${id}/issues`, { category: 'Drug dealing' })).statusCode).toBe(403);
    expect((await as(app, pat, 'POST', `/api/workshops/${id}/issues`, { category: 'Aliens' })).statusCode).toBe(400);
    expect((await as(app, pat, 'POST', `/api/workshops/${id}/issues`, { category: 'Other', text: 'x'.repeat(1001) })).statusCode).toBe(400);
    expect((await as(app, pat, 'POST', `/api/workshops/${id}/issues`, { category: 'Other' })).statusCode).toBe(400);

    const ranked = await as(app, pat, 'PUT', `/api/workshops/${id}/ranking`, { issueIds: [second.json().issueId, first.json().issueId] });
    expect(ranked.statusCode).toBe(200);
    expect(ranked.json().issues.map((i: { category: string; rank: number }) => [i.category, i.rank])).toEqual([
      ['Drug dealing', 1],
      ['Other', 2],
    ]);
    expect((await as(app, pat, 'PUT', `/api/workshops/${id}/ranking`, { issueIds: [first.json().issueId] })).statusCode).toBe(400);

    const page = await as(app, vic, 'GET', `/workshops/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; =SUM(A1)');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('Spring &lt;b&gt;workshop&lt;/b&gt;');

    const agg = (await as(app, vic, 'GET', '/api/workshops/aggregate')).json();
    expect(agg.topByLocality).toEqual([{ locality: 'Edgeley', issues: 2, top: { category: 'Drug dealing', mentions: 1, localities: 1, organisations: 1, meanRank: 1 } }]);

    // The analysts' export: every cell of typed text is a string, and none a spreadsheet would take for a formula.
    expect((await as(app, pat, 'GET', '/api/workshops/issues.xlsx')).statusCode).toBe(403);
    const xlsx = await as(app, ana, 'GET', '/api/workshops/issues.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Workshop issues')!;
    const cells: ExcelJS.Cell[] = [];
    sheet.eachRow((row) => row.eachCell((c) => cells.push(c)));
    expect(cells.every((c) => c.type !== ExcelJS.ValueType.Formula)).toBe(true);
    expect(cells.map((c) => c.value)).toContain(script);
    expect(inert('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(inert('-1+1')).toBe("'-1+1");
    expect(inert('Drug dealing')).toBe('Drug dealing');

    // Only who recorded it (or an analyst) removes an issue; every workshop change is audited.
    const pip = await signIn(app, 'pip');
    expect((await as(app, pip, 'DELETE', `/api/workshops/${id}/issues/${first.json().issueId}`)).statusCode).toBe(403);
    expect((await as(app, ana, 'PATCH', `/api/workshops/${id}`, { status: 'closed' })).statusCode).toBe(200);
    expect((await as(app, pat, 'POST', `/api/workshops/${id}/issues`, { category: 'Drug dealing' })).statusCode).toBe(403);
  });

  it('keeps the gaps register and the source catalogue editable by analysts and readable by everyone signed in', async () => {
    const g = await as(app, ana, 'POST', '/api/gaps', { title: 'No hospital assault data', owner: 'CSP analyst', status: 'open' });
    expect(g.statusCode).toBe(201);
    expect((await as(app, pat, 'POST', '/api/gaps', { title: 'x', status: 'open' })).statusCode).toBe(403);
    expect((await as(app, ana, 'PUT', `/api/gaps/${g.json().id}`, { title: 'No hospital assault data', owner: 'A&E liaison', status: 'in progress' })).json()).toMatchObject({ owner: 'A&E liaison', status: 'in progress', updatedBy: 'ana' });
    expect((await as(app, ana, 'PUT', `/api/gaps/${g.json().id}`, { title: 'x', status: 'maybe' })).statusCode).toBe(400);
    const s = await as(app, ana, 'POST', '/api/sources', { name: 'Fire incidents', owner: 'GMFRS', coverage: 'Stockport 2016-2019', refreshedOn: '2026-01-31', qualityNotes: 'Deliberate fires only' });
    expect(s.statusCode).toBe(201);
    expect((await as(app, ana, 'POST', '/api/sources', { name: 'x', refreshedOn: 'yesterday' })).statusCode).toBe(400);
    expect((await as(app, vic, 'GET', '/api/sources')).json()).toEqual([expect.objectContaining({ name: 'Fire incidents', refreshedOn: '2026-01-31' })]);
    expect((await as(app, vic, 'GET', '/gaps')).body).toContain('A&amp;E liaison');
  });

  it('writes restricted views (and refusals), sign-ins and workshop changes to the audit log the CLI prints', async () => {
    await app.close();
    const r = await runCli('audit', '--db', db);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ana +view +theme-issue:prevent/);
    expect(r.stdout).toMatch(/pat +view +theme-issue:cse +\{"refused":true\}/);
    expect(r.stdout).toMatch(/ana +create +workshop:/);
    expect(r.stdout).toMatch(/pat +update +workshop:.*ranking/);
    expect(r.stdout).toMatch(/vic +sign-in-refused/);
    expect(r.stdout).toMatch(/ana +update +gap:.*A&E liaison/);
    expect((await runCli('audit', '--db', db, '--since', 'last tuesday')).code).toBe(2);
    // Sessions and everything else survive a restart.
    app = await buildApp(options);
    expect((await as(app, pat, 'GET', '/api/workshops')).json()).toHaveLength(1);
  });

  it('signs out, ending the session', async () => {
    const v = await signIn(app, 'vic');
    expect((await as(app, v, 'DELETE', '/api/session')).statusCode).toBe(204);
    expect((await as(app, v, 'GET', '/api/session')).statusCode).toBe(401);
  });

  it('rate-limits failed sign-ins per account: past the limit even the right password is refused', async () => {
    for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'pip', password: `wrong ${i}` } })).statusCode).toBe(401);
    const r = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'pip', password: PASSWORD } });
    expect(r.statusCode).toBe(429);
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(r.json().code).toBe('CSP_ERR_RATE_LIMIT');
  });

  it('refuses an unknown Host (DNS rebinding), malformed JSON (400) and oversized bodies (413)', async () => {
    const host = await app.inject({ url: '/health', headers: { host: 'attacker.example:3000' } });
    expect(host.statusCode).toBe(421);
    expect((await app.inject({ url: '/health', headers: { host: '127.0.0.1:3000' } })).statusCode).toBe(200);
    const bad = await app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"username": "ana", ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('CSP_ERR_USAGE');
    const big = await app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'ana', password: 'x'.repeat(100_000) }) });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('CSP_ERR_BODY_TOO_LARGE');
  });

  it('refuses a model that does not validate, as report --model does', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...exampleAssessment, findings: [{ id: 'x', statement: { html: '<img src=x onerror=alert(1)>' } }] }));
    const other = join(dir, 'other.duckdb');
    await expect(buildApp({ db: other, model: bad })).rejects.toMatchObject({ code: 'CSP_ERR_SOURCE_VALUE', message: expect.stringContaining('not an assessment model: findings.0') });
    const r = await runCli('report', '--model', bad, '--out', join(dir, 'out'));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.json: not an assessment model: findings\.0/);
    expect((await runCli('report', '--model', model, '--out', join(dir, 'out'))).code).toBe(0);
  });
});

describe('session expiry', () => {
  it('refuses a session once it has expired', async () => {
    const dir = tempDir();
    const db = join(dir, 'e.duckdb');
    await addTestUsers(db);
    const app = await buildApp({ db, sessionTtlMs: 300 });
    try {
      const who = await signIn(app, 'vic');
      expect((await as(app, who, 'GET', '/api/session')).statusCode).toBe(200);
      await new Promise((r) => setTimeout(r, 400));
      expect((await as(app, who, 'GET', '/api/session')).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });
});

describe('user command', () => {
  it('adds, lists and disables accounts; refuses bad roles, short passwords and no stdin', async () => {
    const db = join(tempDir(), 'u.duckdb');
    expect((await runCliStdin('a long enough password\n', 'user', 'add', '--db', db, '--username', 'sam', '--role', 'practitioner', '--password-stdin')).code).toBe(0);
    expect(await runCliStdin('a long enough password\n', 'user', 'add', '--db', db, '--username', 'sam', '--role', 'practitioner', '--password-stdin')).toMatchObject({ code: 2, stderr: 'user "sam" already exists\n' });
    expect(await runCliStdin('x\n', 'user', 'add', '--db', db, '--username', 'kim', '--role', 'chief', '--password-stdin')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown role "chief"') });
    expect(await runCliStdin('short\n', 'user', 'add', '--db', db, '--username', 'kim', '--role', 'viewer', '--password-stdin')).toMatchObject({ code: 2, stderr: 'a password needs at least 12 characters\n' });
    expect((await runCliStdin('', 'user', 'add', '--db', db, '--username', 'kim', '--role', 'viewer')).code).toBe(2);
    expect((await runCliStdin('', 'user', 'disable', '--db', db, '--username', 'sam')).code).toBe(0);
    const list = await runCliStdin('', 'user', 'list', '--db', db, '--json');
    const users = JSON.parse(list.stdout);
    expect(users).toEqual([expect.objectContaining({ username: 'sam', role: 'practitioner', disabled: true })]);
    expect(list.stdout).not.toContain('argon2');
  });
});
