// Issue #13 in a real browser: Debian's Chromium through playwright-core against the real built
// server (`pacsync-server serve`, SQLite) whose endpoints report through the API. One browser for
// the file; the steps build on each other like an administrator's session. Screenshots of every
// main page go to test-results/web/. The database-size alert threshold is forced down to 64 KiB, so
// the jobs' first run (at start) raises that alert for the dashboard to show.
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dep, pkg, state } from '../support/package-states.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { missingTools } from '../support/tools.js';

const skip = missingTools('chromium');
const SHOTS = path.resolve('test-results/web');
const ADMIN_KEY = `psk_${randomBytes(32).toString('base64url')}`;
const ACTIONS =
  /^(New pool|Sync all…|Delete pool…|Sync now…|Set as target…|Revert…|Revert to this…|Move to pool…|Rotate key…|Remove|Approve|Reject|Revoke|Create key|Create pool|Save settings|Analyse repositories now)$/;

describe.skipIf(skip)('web UI in Chromium', () => {
  let server: ServerProcess;
  let dataDir: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const refused: string[] = [];
  const sortRequests: string[] = [];
  const secrets: string[] = [ADMIN_KEY];
  let poolId = '';
  const members: Record<string, { id: string; key: string }> = {};

  async function api<T = any>(method: string, p: string, body?: unknown, key = ADMIN_KEY): Promise<T> {
    const res = await fetch(`${server.url}/api/v1${p}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as { data: T };
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json.data;
  }

  const report = (name: string, glibc: string) =>
    api('POST', `/endpoints/${members[name]!.id}/state`, state({ glibc: glibc, bash: '5.2.026-2', curl: '8.6-1' }), members[name]!.key);

  /** The key must never be in the address bar or localStorage (sessionStorage only). */
  async function expectNoKeyLeak(): Promise<void> {
    const where = await page.evaluate(() => {
      const g = globalThis as unknown as {
        location: { href: string };
        localStorage: { length: number; key(i: number): string | null; getItem(k: string): string | null };
      };
      const ls: string[] = [];
      for (let i = 0; i < g.localStorage.length; i++) ls.push(`${g.localStorage.key(i)}=${g.localStorage.getItem(g.localStorage.key(i)!)}`);
      return { url: g.location.href, local: ls.join('\n') };
    });
    for (const s of secrets) {
      expect(where.url).not.toContain(s);
      expect(where.local).not.toContain(s);
    }
  }

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const button = (name: string | RegExp) => page.getByRole('button', { name });

  async function signIn(key: string): Promise<void> {
    await page.goto(server.url);
    // Keyboard only: the key field has focus, Enter submits.
    await page.getByLabel('API key').waitFor();
    await page.keyboard.type(key);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  }

  async function visibleActions(): Promise<string[]> {
    const names = await page.getByRole('button').allInnerTexts();
    return names.map((n) => n.trim()).filter((n) => ACTIONS.test(n));
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(path.join(tmpdir(), 'pacsync-web-'));
    server = await startServerProcess(['--host', '127.0.0.1', '--port', '0'], {
      env: {
        PACSYNC_DATA_DIR: dataDir,
        PACSYNC_ADMIN_KEY: ADMIN_KEY,
        PACSYNC_SECURITY_API_RATE_LIMIT: '0',
        PACSYNC_LOGGING_LEVEL: 'info',
        PACSYNC_WEB_UI_TITLE: 'Lab fleet',
        PACSYNC_ALERTS_DATABASE_SIZE: '64KiB',
      },
    });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('console', (m) => {
      if (m.type() !== 'error') return;
      // A refused request is logged by the browser itself; those are checked one by one below.
      if (/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) return;
      consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      if (/\/api\/v1\/endpoints\?.*sort=/.test(r.url())) sortRequests.push(new URL(r.url()).search);
    });
    page.on('response', (r) => {
      if (r.status() >= 400) refused.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in with the admin key (keyboard only), under the configured title, without the key in URL or localStorage', async () => {
    await page.goto(server.url);
    await shot('sign-in');
    await signIn(ADMIN_KEY);
    expect(await page.title()).toBe('Lab fleet');
    await page.getByText('● live').waitFor();
    await expectNoKeyLeak();
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).toBe(1);
  });

  it("creates a pool, with the server's validation message beside the field it names", async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Pools' }).click();
    await button('New pool').click();
    const dialog = page.getByRole('dialog', { name: 'New pool' });
    await dialog.getByLabel('Name').fill('lab');
    await dialog.getByLabel('States kept (max_history)').fill('0');
    await dialog.getByLabel('Sync schedule (cron)').fill('0 3 * * 1');
    await expect.poll(() => dialog.getByText(/^next \(UTC\): /).innerText()).toMatch(/Monday.*·.*Monday/);
    await dialog.getByRole('button', { name: 'Create pool' }).click();
    const fieldError = dialog.locator('.field', { has: page.getByLabel('States kept (max_history)') }).locator('.field-error');
    await expect.poll(() => fieldError.innerText()).toMatch(/must be >= 1/);
    expect(refused).toEqual(['POST /api/v1/pools 400']);
    await dialog.getByLabel('States kept (max_history)').fill('20');
    await dialog.getByRole('button', { name: 'Create pool' }).click();
    await page.getByRole('heading', { name: /Pools \/ lab/ }).waitFor();
    poolId = new URL(page.url()).pathname.split('/').pop()!;
    const pool = await api('GET', `/pools/${poolId}`);
    expect(pool.settings).toMatchObject({ max_history: 20, sync_schedule: '0 3 * * 1' });
  });

  it("shows a member's drift change live, without reload, when another member sets a new target", async () => {
    for (const name of ['alpha', 'beta']) {
      const ep = await api('POST', '/endpoints', {
        name,
        hostname: `${name}.lab`,
        pool_id: poolId,
        system_info: { architecture: 'x86_64', pacman_version: '6.1.0', kernel: '6.6.1-arch1' },
      });
      members[name] = { id: ep.id, key: ep.api_key };
      secrets.push(ep.api_key);
      await report(name, '2.39-1');
    }
    await api('POST', `/endpoints/${members.alpha!.id}/set-latest`, { message: 'first' }, members.alpha!.key);
    const beta = page.locator('tr[data-endpoint="beta"] [data-testid="sync-status"]');
    await expect.poll(() => beta.innerText(), { timeout: 10_000 }).toBe('in sync');
    await page.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));

    await report('alpha', '2.40-1');
    await api('POST', `/endpoints/${members.alpha!.id}/set-latest`, { message: 'glibc 2.40' }, members.alpha!.key);
    await expect.poll(() => beta.innerText(), { timeout: 10_000 }).toBe('behind');
    expect(await page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    await shot('pool');
  });

  it('opens the diff of two target states side by side', async () => {
    await page.getByRole('tab', { name: 'history' }).click();
    const diff = page.getByTestId('state-diff');
    await diff.waitFor();
    const row = diff.locator('tr', { hasText: 'glibc' });
    expect(await row.innerText()).toMatch(/glibc\s+2\.39-1\s+2\.40-1\s+upgrade/);
    expect(await diff.innerText()).toMatch(/0 added · 0 removed · 1 changed · 2 unchanged/);
    await shot('pool-history-diff');
    await page.getByRole('tab', { name: 'packages' }).click();
    await page.getByLabel('Search packages').fill('cur');
    await expect.poll(() => page.getByText(/1 of 3 packages/).count()).toBe(1);
  });

  it('previews "sync all" per member and runs a repository analysis', async () => {
    await button('Sync all…').click();
    const dialog = page.getByRole('dialog', { name: /Sync all: preview/ });
    await dialog.locator('tr', { hasText: 'beta' }).getByText('1 package change').waitFor();
    expect(await dialog.locator('tr', { hasText: 'alpha' }).innerText()).toMatch(/nothing to do/);
    await dialog.getByRole('button', { name: 'Start 1 sync' }).waitFor();
    expect((await api('GET', `/pools/${poolId}/operations`)).total).toBe(2); // the two set-latest, nothing new
    await shot('pool-sync-all-preview');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // What each member's mirror offers: beta's has no curl at all.
    const repo = (packages: Record<string, string>) => ({
      repositories: [
        { name: 'core', url: 'https://mirror.lan/core', packages: Object.fromEntries(Object.entries(packages).map(([n, v]) => [n, { version: v }])) },
      ],
    });
    await api(
      'POST',
      `/endpoints/${members.alpha!.id}/repositories`,
      repo({ glibc: '2.40-1', bash: '5.2.026-2', curl: '8.6-1' }),
      members.alpha!.key,
    );
    await api('POST', `/endpoints/${members.beta!.id}/repositories`, repo({ glibc: '2.40-1', bash: '5.2.026-2' }), members.beta!.key);
    await page.getByRole('tab', { name: 'analysis' }).click();
    await button('Analyse repositories now').click();
    const analysis = page.getByTestId('analysis');
    await expect.poll(() => analysis.innerText()).toMatch(/2 of 2 members · 2 compatible · 1 incompatible/);
    expect(await analysis.locator('tr', { hasText: 'curl' }).innerText()).toMatch(/curl\s+8\.6-1\s+beta/);
    await shot('pool-analysis');
    await button("Add to the pool's exclusions").click();
    await expect.poll(async () => (await api('GET', `/pools/${poolId}`)).settings.excluded_packages).toEqual(['curl']);
  });

  it('runs a dry-run sync of a member and shows its plan before anything is stored', async () => {
    await page.getByRole('tab', { name: 'members' }).click();
    await page.locator('tr[data-endpoint="beta"]').getByRole('link', { name: 'beta' }).click();
    await page.getByRole('heading', { name: /Endpoints \/ beta/ }).waitFor();
    await expect.poll(() => page.getByTestId('drift-counts').innerText()).toMatch(/behind\s+1/);
    expect(await page.getByTestId('endpoint-drift').locator('tr', { hasText: 'glibc' }).innerText()).toMatch(/glibc\s+behind\s+2\.39-1\s+2\.40-1/);
    await button('Sync now…').click();
    const dialog = page.getByRole('dialog', { name: /Sync now/ });
    const plan = dialog.getByTestId('plan');
    await plan.waitFor();
    expect(await plan.innerText()).toMatch(/1 change/);
    expect(await plan.locator('tr', { hasText: 'glibc' }).innerText()).toMatch(/upgrade\s+glibc\s+2\.39-1\s+2\.40-1\s+core/);
    await shot('endpoint-sync-preview');
    // A dry run stores nothing.
    expect((await api('GET', `/endpoints/${members.beta!.id}/operations`)).total).toBe(0);
    await dialog.getByRole('button', { name: 'Confirm sync now' }).click();
    await dialog.getByText(/Operation created \(pending\)/).waitFor();
    const ops = await api('GET', `/endpoints/${members.beta!.id}/operations`);
    expect(ops.items.map((o: { status: string; operation_type: string }) => `${o.operation_type} ${o.status}`)).toEqual(['sync_to_latest pending']);
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('operations').getByText('pending').waitFor();
    await shot('endpoint');
  });

  it('lists endpoints, operations and events', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Endpoints' }).click();
    await expect.poll(() => page.getByTestId('endpoint-total').innerText()).toBe('2 endpoints');
    // Sorted on the server by the column header: name (default ascending), then registration.
    const order = () => page.getByTestId('endpoint-scroller').getByRole('link').allInnerTexts();
    await expect.poll(order).toEqual(['alpha', 'beta']);
    const header = (name: string) => page.getByRole('columnheader', { name: new RegExp(`^${name}`) });
    await header('name').getByRole('button').click();
    await expect.poll(order).toEqual(['beta', 'alpha']);
    expect(await header('name').getAttribute('aria-sort')).toBe('descending');
    await header('registered').getByRole('button').click();
    await expect.poll(order).toEqual(['alpha', 'beta']);
    await header('registered').getByRole('button').click();
    await expect.poll(order).toEqual(['beta', 'alpha']);
    expect(await header('registered').getAttribute('aria-sort')).toBe('descending');
    expect(await header('name').getAttribute('aria-sort')).toBe('none');
    expect(sortRequests.at(-1)).toMatch(/sort=created_at&order=desc/);
    await page.getByLabel('Search endpoints').fill('bet');
    await expect.poll(() => page.getByTestId('endpoint-total').innerText()).toBe('1 endpoint');
    await shot('endpoints');
    await page.getByRole('navigation').getByRole('link', { name: 'Operations' }).click();
    // Every pool's (GET /operations), with the pool named.
    await page.getByTestId('operations').locator('tr', { hasText: 'sync to latest' }).getByRole('link', { name: 'lab' }).waitFor();
    await shot('operations');
    await page.getByRole('navigation').getByRole('link', { name: 'Events' }).click();
    await page.getByTestId('events').getByText('pool_created').first().waitFor();
    await shot('events');
    await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
    await page.locator('.card', { hasText: 'lab' }).locator('.chart canvas').waitFor();
    await page.getByRole('link', { name: /^2 endpoints$/ }).waitFor();
    await page.getByText('Operations in progress').waitFor();
    const bar = page.locator('tr', { hasText: 'sync to latest' }).getByRole('progressbar');
    await bar.waitFor();
    // The agent reports progress: the bar moves without reload.
    const [op] = (await api('GET', `/endpoints/${members.beta!.id}/operations`)).items;
    await api('POST', `/operations/${op.id}/progress`, { progress: 40, step: 'downloading' }, members.beta!.key);
    await expect.poll(() => bar.getAttribute('aria-valuenow'), { timeout: 10_000 }).toBe('40');
    await shot('dashboard');
  });

  it('shows the active alert (value against threshold, since when) and each job with its last and next run', async () => {
    const [alert] = (await api<{ items: { name: string; value: number }[] }>('GET', '/alerts')).items;
    expect(alert?.name).toBe('database_size');
    const row = page.getByTestId('alerts').locator('tr[data-alert="database_size"]');
    // e.g. "database size  warning  148 KiB  64.0 KiB  25 s ago  …"
    await expect.poll(() => row.innerText()).toMatch(/database size\s+(warning|critical)\s+\d+(\.\d)? KiB\s+64(\.0)? KiB\s+\d+ (s|min) ago\s+\S/);
    const jobs = await api<{ name: string; schedule: string; last_run: { status: string } | null }[]>('GET', '/jobs');
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      const text = await page.getByTestId('jobs').locator(`tr[data-job="${job.name}"]`).innerText();
      expect(text).toContain(job.schedule);
      // The first run happened at start: its status, when, what it did, and the next tick.
      expect(job.last_run?.status).toBe('succeeded');
      expect(text).toMatch(/succeeded\s+\d+ (s|min) ago\s+\S.*\s+\w{3} \d+, \d{4}/);
    }
    expect(await page.getByTestId('jobs').locator('tr[data-job="evaluate-alerts"]').innerText()).toMatch(/raised 1|1 raised|active 1/);
    await shot('dashboard-alerts-jobs');
  });

  let readKey = '';
  it('creates keys (shown once; an enroll key with its register command) and revokes one', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Keys' }).click();
    const form = page.getByRole('form', { name: 'New key' });
    await form.getByRole('button', { name: 'Create key' }).click();
    await expect
      .poll(() =>
        form
          .locator('.field', { has: page.getByLabel('Name') })
          .locator('.field-error')
          .innerText(),
      )
      .toMatch(/fewer than 1 characters/);
    await form.getByLabel('Name').fill('viewer');
    await form.getByRole('button', { name: 'Create key' }).click();
    let dialog = page.getByRole('dialog', { name: /Key “viewer” created/ });
    readKey = (await dialog.getByTestId('new-key').innerText()).trim();
    expect(readKey).toMatch(/^psk_/);
    secrets.push(readKey);
    await dialog.getByRole('button', { name: 'Done' }).click();

    await form.getByLabel('Role').selectOption('enroll');
    await form.getByLabel('Name').fill('lab-enroll');
    await form.getByLabel('Pool').selectOption({ label: 'lab' });
    await form.getByRole('button', { name: 'Create key' }).click();
    dialog = page.getByRole('dialog', { name: /Key “lab-enroll” created/ });
    const enrollKey = (await dialog.getByTestId('new-key').innerText()).trim();
    secrets.push(enrollKey);
    expect(await dialog.getByTestId('register-command').innerText()).toBe(
      `sudo pacsync register --server ${server.url} --enroll-key ${enrollKey} --pool lab`,
    );
    await shot('keys-created');
    await dialog.getByRole('button', { name: 'Done' }).click();

    await page.locator('tr[data-key="lab-enroll"]').getByRole('button', { name: 'Revoke' }).click();
    await page
      .getByRole('dialog', { name: /Revoke “lab-enroll”/ })
      .getByRole('button', { name: 'Revoke' })
      .click();
    await page.locator('tr[data-key="lab-enroll"]').waitFor({ state: 'detached' });
    const keys = await api<{ name: string; is_active: boolean }[]>('GET', '/keys?include_revoked=true');
    expect(keys.find((k) => k.name === 'lab-enroll')?.is_active).toBe(false);
    expect(keys.find((k) => k.name === 'viewer')?.is_active).toBe(true);
    await shot('keys');
    await expectNoKeyLeak();
  });

  it('reverts the pool target after showing what would change', async () => {
    await page.goto(`${server.url}/pools/${poolId}`);
    await page.getByRole('tab', { name: 'history' }).click();
    await button('Revert to this…').click();
    const dialog = page.getByRole('dialog', { name: 'Revert the target' });
    expect(await dialog.getByTestId('state-diff').locator('tr', { hasText: 'glibc' }).innerText()).toMatch(/glibc\s+2\.40-1\s+2\.39-1\s+downgrade/);
    await dialog.getByRole('button', { name: 'Revert the target' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'members' }).click();
    await expect.poll(() => page.locator('tr[data-endpoint="beta"] [data-testid="sync-status"]').innerText(), { timeout: 10_000 }).not.toBe('behind');
    const pool = await api('GET', `/pools/${poolId}`);
    expect((await api('GET', `/states/${pool.target_state_id}`)).state_data.packages.glibc.version).toBe('2.39-1');
  });

  it("edits the pool's settings: an unknown time zone is named by the server, the next runs shown in the chosen one", async () => {
    await page.goto(`${server.url}/pools/${poolId}`);
    await page.getByRole('tab', { name: 'settings' }).click();
    const form = page.getByRole('form', { name: 'Pool settings' });
    const zone = form.getByLabel('Schedule time zone');
    expect(await zone.inputValue()).toBe('UTC');
    await zone.fill('Mars/Olympus');
    await form.getByRole('button', { name: 'Save settings' }).click();
    const zoneError = form.locator('.field', { has: page.getByLabel('Schedule time zone') }).locator('.field-error');
    await expect.poll(() => zoneError.innerText()).toMatch(/'Mars\/Olympus' is not a time zone/);
    expect((await api('GET', `/pools/${poolId}`)).settings.schedule_timezone).toBe('UTC');
    await zone.fill('Europe/Berlin');
    await form.getByLabel('Description').fill('lab machines');
    // 03:00 in Berlin is 02:00 UTC in winter (CET), 01:00 in summer.
    const hint = form.getByText(/^next \(Europe\/Berlin\): /);
    await expect.poll(() => hint.innerText()).toMatch(/^next \(Europe\/Berlin\): (Monday[^·]*03:00 \(0[12]:00 UTC\)( · |$)){5}/);
    await form.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(async () => (await api('GET', `/pools/${poolId}`)).settings.schedule_timezone).toBe('Europe/Berlin');
    const pool = await api('GET', `/pools/${poolId}`);
    expect(pool).toMatchObject({ description: 'lab machines', settings: { sync_schedule: '0 3 * * 1', max_history: 20 } });
    await shot('pool-settings');
  });

  it('approves one pending endpoint and rejects another; operations of every pool, filtered by pool', async () => {
    const edge = await api('POST', '/pools', { name: 'edge' });
    const enroll = await api('POST', '/keys', { role: 'enroll', name: 'edge-enroll', pool_id: edge.id });
    secrets.push(enroll.api_key);
    const pending: Record<string, { id: string; key: string }> = {};
    for (const name of ['gamma', 'delta']) {
      const ep = await api('POST', '/endpoints', { name, hostname: `${name}.edge` }, enroll.api_key);
      expect(ep.approval).toBe('pending');
      pending[name] = { id: ep.id, key: ep.api_key };
      secrets.push(ep.api_key);
    }
    await page.goto(`${server.url}/endpoints?approval=pending`);
    await expect.poll(() => page.getByTestId('endpoint-total').innerText()).toBe('2 endpoints');
    await page.getByTestId('endpoint-scroller').getByRole('link', { name: 'gamma' }).click();
    await button('Approve').click();
    await button('Approve').waitFor({ state: 'detached' });
    expect((await api('GET', `/endpoints/${pending.gamma!.id}`)).approval).toBe('approved');
    await page.goto(`${server.url}/endpoints/${pending.delta!.id}`);
    await button('Reject').click();
    await button('Reject').waitFor({ state: 'detached' });
    expect((await api('GET', `/endpoints/${pending.delta!.id}`)).approval).toBe('rejected');
    // A rejected machine's key does nothing any more; the approved one works.
    const denied = await fetch(`${server.url}/api/v1/endpoints/${pending.delta!.id}/state`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pending.delta!.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(state({ bash: '5.2.026-2' })),
    });
    expect(denied.status).toBe(401);
    await api('POST', `/endpoints/${pending.gamma!.id}/state`, state({ bash: '5.2.026-2' }), pending.gamma!.key);
    await api('POST', `/endpoints/${pending.gamma!.id}/set-latest`, { message: 'edge first' }, pending.gamma!.key);

    await page.getByRole('navigation').getByRole('link', { name: 'Operations' }).click();
    const table = page.getByTestId('operations');
    await table
      .locator('tr', { has: page.getByRole('link', { name: 'edge' }) })
      .first()
      .waitFor();
    await table
      .locator('tr', { has: page.getByRole('link', { name: 'lab' }) })
      .first()
      .waitFor();
    await page.getByLabel('pool').selectOption({ label: 'lab' });
    const labOps = (await api('GET', `/operations?pool_id=${poolId}&limit=50`)).items.length;
    expect(labOps).toBeGreaterThan(2);
    await expect.poll(() => table.getByRole('link', { name: 'lab' }).count()).toBe(labOps);
    expect(await table.getByRole('link', { name: 'edge' }).count()).toBe(0);
    await shot('operations-by-pool');
  });

  it('previews "set as target" package by package, then makes it the target', async () => {
    await page.goto(`${server.url}/endpoints/${members.alpha!.id}`);
    await button('Set as target…').click();
    const dialog = page.getByRole('dialog', { name: /^Set as target:/ });
    const preview = dialog.getByTestId('set-latest-preview');
    await expect.poll(() => preview.innerText()).toMatch(/0 added, 0 removed, 1 changed/);
    // The target is back at glibc 2.39-1 (reverted above); alpha runs 2.40-1.
    expect(await preview.getByTestId('state-diff').locator('tr', { hasText: 'glibc' }).innerText()).toMatch(/glibc\s+2\.39-1\s+2\.40-1\s+upgrade/);
    const before = (await api('GET', `/pools/${poolId}`)).target_state_id;
    await shot('endpoint-set-target-preview');
    await dialog.getByRole('button', { name: 'Confirm set as target' }).click();
    await dialog.getByText(/The pool's target is now this machine's state \(3 packages\)/).waitFor();
    const pool = await api('GET', `/pools/${poolId}`);
    expect(pool.target_state_id).not.toBe(before);
    expect((await api('GET', `/states/${pool.target_state_id}`)).state_data.packages.glibc.version).toBe('2.40-1');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  it("previews an endpoint's revert to the state before its last sync, then requests it", async () => {
    // beta's agent finishes the sync it was running: glibc 2.39-1 → 2.40-1.
    const [op] = (await api('GET', `/endpoints/${members.beta!.id}/operations?status=in_progress`)).items;
    await api('POST', `/operations/${op.id}/complete`, { state: state({ glibc: '2.40-1', bash: '5.2.026-2', curl: '8.6-1' }) }, members.beta!.key);
    await page.goto(`${server.url}/endpoints/${members.beta!.id}`);
    await button('Revert…').click();
    const dialog = page.getByRole('dialog', { name: /^Revert:/ });
    const plan = dialog.getByTestId('plan');
    await expect.poll(() => plan.innerText()).toMatch(/1 change/);
    expect(await plan.locator('tr', { hasText: 'glibc' }).innerText()).toMatch(/downgrade\s+glibc\s+2\.40-1\s+2\.39-1/);
    expect((await api('GET', `/endpoints/${members.beta!.id}/operations?status=pending`)).total).toBe(0);
    await shot('endpoint-revert-preview');
    await dialog.getByRole('button', { name: 'Confirm revert' }).click();
    await dialog.getByText(/Operation created \(pending\)/).waitFor();
    const [revert] = (await api('GET', `/endpoints/${members.beta!.id}/operations?status=pending`)).items;
    expect(revert.operation_type).toBe('revert_to_previous');
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  // A pool of its own whose member drifts in every way: behind glibc, ahead bash, missing curl,
  // excluded linux (pool rule), foreign and extra yay, extra htop, a dependency (no drift).
  const drift: Record<string, { id: string; key: string }> = {};
  let driftPool = '';
  const DRIFT_TARGET = { bash: '5.2.026-2', curl: '8.6-1', glibc: '2.40-1', linux: '6.6.1-1', openssl: '3.3.0-1' };
  it("lists an endpoint's drift package by package with both versions, filters it by kind, and follows a new target live", async () => {
    driftPool = (await api('POST', '/pools', { name: 'drift', settings: { excluded_packages: ['linux*'] } })).id;
    for (const name of ['setter', 'omega']) {
      const ep = await api('POST', '/endpoints', { name, hostname: `${name}.lab`, pool_id: driftPool });
      drift[name] = { id: ep.id, key: ep.api_key };
      secrets.push(ep.api_key);
    }
    await api('POST', `/endpoints/${drift.setter!.id}/state`, state(DRIFT_TARGET), drift.setter!.key);
    await api('POST', `/endpoints/${drift.setter!.id}/set-latest`, {}, drift.setter!.key);
    const omegaState = state({
      bash: '5.3.0-1',
      glibc: '2.39-1',
      htop: pkg('3.3.0-1', { repository: 'extra' }),
      libfoo: dep('1.0-1', { repository: 'extra' }),
      linux: '6.5.9-1',
      openssl: '3.3.0-1',
      yay: pkg('12.3.5-1', { repository: null }),
    });
    await api('POST', `/endpoints/${drift.omega!.id}/state`, omegaState, drift.omega!.key);
    await page.goto(`${server.url}/endpoints/${drift.omega!.id}`);
    const table = page.getByTestId('endpoint-drift');
    const row = (kind: string, name: string) => table.locator(`tr[data-kind="${kind}"]`, { hasText: name });
    await row('behind', 'glibc').waitFor();
    // package, drift, installed, target, repository, why
    expect(await row('behind', 'glibc').innerText()).toMatch(/glibc\s+behind\s+2\.39-1\s+2\.40-1\s+core/);
    expect(await row('ahead', 'bash').innerText()).toMatch(/bash\s+ahead\s+5\.3\.0-1\s+5\.2\.026-2/);
    expect(await row('missing', 'curl').innerText()).toMatch(/curl\s+missing\s+—\s+8\.6-1/);
    expect(await row('excluded', 'linux').innerText()).toMatch(/linux\s+excluded\s+6\.5\.9-1\s+6\.6\.1-1\s+core\s+pool: linux\*/);
    expect(await row('foreign', 'yay').innerText()).toMatch(/yay\s+foreign\s+12\.3\.5-1\s+—\s+none \(foreign\)/);
    expect(await row('extra', 'yay').innerText()).toMatch(/yay\s+extra\s+12\.3\.5-1\s+—\s+none \(foreign\)/);
    expect(await row('extra', 'htop').innerText()).toMatch(/htop\s+extra\s+3\.3\.0-1\s+—\s+extra/);
    expect(await table.locator('tbody tr').count()).toBe(7);
    expect(await table.getByText('libfoo').count()).toBe(0);
    await shot('endpoint-drift');
    const show = table.getByLabel('Show');
    expect(await show.locator('option').allInnerTexts()).toEqual([
      'every kind (7)',
      'missing (1)',
      'behind (1)',
      'ahead (1)',
      'extra (2)',
      'foreign (1)',
      'excluded (1)',
    ]);
    await show.selectOption('foreign');
    await expect.poll(() => table.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^yay\s+foreign/)]);
    await show.selectOption('excluded');
    await expect.poll(() => table.locator('tbody tr').allInnerTexts()).toEqual([expect.stringMatching(/^linux\s+excluded/)]);
    await show.selectOption('');
    // Another member sets a new target: glibc 2.41-1. The table follows without reload.
    await page.evaluate(() => ((globalThis as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await api('POST', `/endpoints/${drift.setter!.id}/state`, state({ ...DRIFT_TARGET, glibc: '2.41-1' }), drift.setter!.key);
    await api('POST', `/endpoints/${drift.setter!.id}/set-latest`, { message: 'glibc 2.41' }, drift.setter!.key);
    await expect.poll(() => row('behind', 'glibc').innerText(), { timeout: 10_000 }).toMatch(/2\.39-1\s+2\.41-1/);
    expect(await page.evaluate(() => (globalThis as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  });

  it("moves an endpoint to another pool, with the server's message beside the field when that pool is gone", async () => {
    const gone = await api('POST', '/pools', { name: 'gone' });
    await page.goto(`${server.url}/endpoints/${drift.omega!.id}`);
    await button('Move to pool…').click();
    const dialog = page.getByRole('dialog', { name: 'Move omega' });
    const select = dialog.getByLabel('New pool');
    await select.locator('option', { hasText: 'gone' }).waitFor({ state: 'attached' });
    // The current pool is not offered; leaving it is.
    expect(await select.locator('option').allInnerTexts()).toEqual(['choose…', 'edge', 'gone', 'lab', 'no pool (leave drift)']);
    // Picked, then deleted by someone else before "Move".
    await select.selectOption({ label: 'gone' });
    await api('DELETE', `/pools/${gone.id}`);
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();
    const fieldError = dialog.locator('.field', { has: page.getByLabel('New pool') }).locator('.field-error');
    await expect.poll(() => fieldError.innerText()).toBe(`pool ${gone.id} not found`);
    expect((await api('GET', `/endpoints/${drift.omega!.id}`)).pool_id).toBe(driftPool);
    await shot('endpoint-move');
    await select.selectOption({ label: 'lab' });
    await dialog.getByRole('button', { name: 'Move', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('.stats-line').getByRole('link', { name: 'lab' }).waitFor();
    expect((await api('GET', `/endpoints/${drift.omega!.id}`)).pool_id).toBe(poolId);
    // Its drift is now against lab's target (glibc 2.40-1, curl excluded there).
    await expect
      .poll(() => page.getByTestId('endpoint-drift').locator('tr[data-kind="behind"]', { hasText: 'glibc' }).innerText())
      .toMatch(/2\.39-1\s+2\.40-1/);
  });

  it("rotates an endpoint's key: the new one is shown once and works, the old one stops at once", async () => {
    await button('Rotate key…').click();
    const dialog = page.getByRole('dialog', { name: 'Rotate the key of omega?' });
    await dialog.getByRole('button', { name: 'Rotate key' }).click();
    const shown = page.getByRole('dialog', { name: 'New key for omega' }).getByTestId('new-key');
    const fresh = (await shown.innerText()).trim();
    expect(fresh).toMatch(/^psk_/);
    secrets.push(fresh);
    await shot('endpoint-rotate-key');
    const reportWith = (key: string) =>
      fetch(`${server.url}/api/v1/endpoints/${drift.omega!.id}/state`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(state({ glibc: '2.39-1' })),
      });
    expect((await reportWith(drift.omega!.key)).status).toBe(401);
    expect((await reportWith(fresh)).status).toBe(200);
    drift.omega!.key = fresh;
    await page.getByRole('dialog', { name: 'New key for omega' }).getByRole('button', { name: 'Done' }).click();
    await expectNoKeyLeak();
  });

  it("creates an endpoint-role key for one machine, with the server's message beside the Endpoint field", async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Keys' }).click();
    const form = page.getByRole('form', { name: 'New key' });
    await form.getByLabel('Role').selectOption('endpoint');
    await form.getByLabel('Name').fill('omega-reinstalled');
    await form.getByRole('button', { name: 'Create key' }).click();
    const fieldError = form.locator('.field', { has: page.getByLabel('Endpoint') }).locator('.field-error');
    await expect.poll(() => fieldError.innerText()).toBe('is required for role endpoint');
    await form.getByLabel('Endpoint').fill('nosuch');
    await form.getByRole('button', { name: 'Create key' }).click();
    await expect.poll(() => fieldError.innerText()).toBe("no endpoint is named 'nosuch'");
    await form.getByLabel('Endpoint').fill('omega');
    await form.getByRole('button', { name: 'Create key' }).click();
    const dialog = page.getByRole('dialog', { name: /Key “omega-reinstalled” created/ });
    const key = (await dialog.getByTestId('new-key').innerText()).trim();
    secrets.push(key);
    await dialog.getByText("The machine's previous key is revoked.").waitFor();
    await shot('keys-endpoint');
    await dialog.getByRole('button', { name: 'Done' }).click();
    expect((await api('GET', `/endpoints/${drift.omega!.id}`, undefined, key)).name).toBe('omega');
    await expect(api('GET', `/endpoints/${drift.omega!.id}`, undefined, drift.omega!.key)).rejects.toThrow(/401/);
    await page.locator('tr[data-key="omega-reinstalled"]').getByRole('link', { name: 'its endpoint' }).waitFor();
  });

  it('deletes a pool after naming its members and what goes with it', async () => {
    await page.goto(`${server.url}/pools/${driftPool}`);
    await button('Delete pool…').click();
    const dialog = page.getByRole('dialog', { name: 'Delete pool “drift”?' });
    // omega moved to lab: setter is the one member left.
    expect(await dialog.getByTestId('delete-pool-members').innerText()).toMatch(
      /^Its 1 member \(setter\) stays registered but leaves the pool[\s\S]*target history, the states its members reported while in it, their operations in it/,
    );
    await shot('pool-delete');
    await dialog.getByRole('button', { name: 'Delete drift' }).click();
    await page.getByRole('heading', { name: 'Pools' }).waitFor();
    expect(await page.getByRole('link', { name: 'drift' }).count()).toBe(0);
    const setter = await api('GET', `/endpoints/${drift.setter!.id}`);
    expect(setter.pool_id).toBeNull();
    await expect(api('GET', `/pools/${driftPool}`)).rejects.toThrow(/404/);
  });

  it('moves between tabs with the arrow keys, Home and End (one tab stop, the panel labelled by its tab)', async () => {
    await page.goto(`${server.url}/pools/${poolId}`);
    const tabs = page.getByRole('tablist', { name: 'Pool' }).getByRole('tab');
    await page.locator('tr[data-endpoint="beta"]').waitFor();
    const state_ = async () => ({
      selected: await page.getByRole('tab', { selected: true }).innerText(),
      focused: await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement?.textContent ??
          null,
      ),
      tabStops: (await tabs.evaluateAll((els) => els.map((e) => (e as unknown as { tabIndex: number }).tabIndex))).filter((t) => t === 0).length,
      panel: await page.getByRole('tabpanel').getAttribute('aria-labelledby'),
      selectedId: await page.getByRole('tab', { selected: true }).getAttribute('id'),
    });
    await page.getByRole('tab', { name: 'members' }).focus();
    await page.keyboard.press('ArrowRight');
    let s = await state_();
    expect(s).toMatchObject({ selected: 'packages', focused: 'packages', tabStops: 1 });
    expect(s.panel).toBe(s.selectedId);
    await page.getByLabel('Search packages').waitFor();
    await page.keyboard.press('End');
    expect(await state_()).toMatchObject({ selected: 'settings', focused: 'settings' });
    await page.keyboard.press('ArrowRight'); // wraps to the first
    expect(await state_()).toMatchObject({ selected: 'members', focused: 'members' });
    await page.keyboard.press('ArrowLeft'); // wraps to the last
    expect(await state_()).toMatchObject({ selected: 'settings', focused: 'settings' });
    await page.keyboard.press('Home');
    s = await state_();
    expect(s).toMatchObject({ selected: 'members', focused: 'members', tabStops: 1 });
    expect(s.panel).toBe(s.selectedId);
    // Tab leaves the tab list for the panel (no stop on the other tabs).
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
        ).document.activeElement?.getAttribute('role'),
      ),
    ).toBe('tabpanel');
  });

  it('signs out (the key is forgotten), and a read key sees no action buttons', async () => {
    await button('Sign out').click();
    await page.getByLabel('API key').waitFor();
    expect(await page.evaluate(() => (globalThis as unknown as { sessionStorage: { length: number } }).sessionStorage.length)).toBe(0);
    await signIn(readKey);
    expect(await page.getByRole('navigation').getByRole('link', { name: 'Keys' }).count()).toBe(0);
    expect(await visibleActions()).toEqual([]);
    await page.goto(`${server.url}/keys`);
    await page.getByText('Keys are managed with an admin key.').waitFor();
    await page.goto(`${server.url}/pools`);
    await page.getByRole('link', { name: 'lab' }).waitFor();
    expect(await visibleActions()).toEqual([]);
    await page.goto(`${server.url}/pools/${poolId}`);
    await page.locator('tr[data-endpoint="beta"]').waitFor();
    expect(await visibleActions()).toEqual([]);
    await page.getByRole('tab', { name: 'history' }).click();
    await page.getByTestId('state-diff').waitFor();
    expect(await visibleActions()).toEqual([]);
    await page.goto(`${server.url}/endpoints/${members.beta!.id}`);
    await page.getByRole('heading', { name: /Endpoints \/ beta/ }).waitFor();
    // A read key reads the drift table too.
    await page.getByTestId('endpoint-drift').waitFor();
    expect(await visibleActions()).toEqual([]);
    await expectNoKeyLeak();
  });

  it('fits a 390×844 phone screen and follows a dark system setting', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${server.url}/pools/${poolId}`);
    await page.locator('tr[data-endpoint="beta"]').waitFor();
    const fits = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return d.scrollWidth <= d.clientWidth;
    });
    expect(fits).toBe(true);
    const bg = await page.evaluate(
      () =>
        (
          globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string }; document: { documentElement: unknown } }
        ).getComputedStyle((globalThis as unknown as { document: { documentElement: unknown } }).document.documentElement).backgroundColor,
    );
    expect(bg).toBe('rgb(20, 21, 23)');
    await shot('pool-phone-dark');
    // The endpoint page with its six-column drift table fits too (the table scrolls inside itself).
    await page.goto(`${server.url}/endpoints/${drift.omega!.id}`);
    await page.getByTestId('endpoint-drift').locator('tr[data-kind="behind"]').waitFor();
    expect(
      await page.evaluate(() => {
        const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
        return d.scrollWidth <= d.clientWidth;
      }),
    ).toBe(true);
    await shot('endpoint-phone-dark');
  });

  it('had no console errors, refused only the two invalid forms, and the server log never shows a key', async () => {
    expect(consoleErrors).toEqual([]);
    expect(refused).toEqual([
      'POST /api/v1/pools 400',
      'POST /api/v1/keys 400',
      `PUT /api/v1/pools/${poolId} 400`,
      `PUT /api/v1/endpoints/${drift.omega!.id} 404`,
      'POST /api/v1/keys 400',
    ]);
    const log = server.output();
    expect(log).toContain('/api/v1/ws');
    for (const s of secrets) expect(log).not.toContain(s);
  });
});
