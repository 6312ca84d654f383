// The page tour (issue 12): every demo role signs in once per language (zh-CN, en) and visits every page
// its menu offers, plus one record page of each kind it can reach (a person, a matter, a meeting, a
// candidate, a cohort, a training session, an org, a campaign), each at 1366×768 and at 390×844. On
// every page: no failed request and no console error, no sideways page scroll, exactly one h1, no
// "undefined" / "null" / "NaN" and no raw message key (e.g. `matters.foo.bar`) in the visible text,
// and in English no Chinese in the chrome (menu, header, headings, buttons, tabs, table headers, form
// labels — data such as names and org names may be Chinese). The menu is read from the app itself
// (the side menu at 1366 px, which nav.ts fills from the role's permissions).
// With XINHUO_TOUR_SHOTS=1 it saves /tmp/s21-tour/<role>-<lang>-<size>-<page>.png (not in CI).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import type { Page, Request } from 'playwright-core';
import { useDemoApp } from './harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DESK = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const SHOTS = /^(1|true)$/.test(process.env.XINHUO_TOUR_SHOTS ?? '') ? '/tmp/s21-tour' : undefined;
const ROLES = [
  'demo-city',
  'demo-town',
  'demo-village',
  'demo-dept',
  'demo-leader',
  'demo-sysadmin',
  'demo-secadmin',
  'demo-auditor',
  'demo-trainee',
] as const;

/** The first segments of the UI's message keys (`nav`, `matters`, …), read from the zh-CN dictionaries. */
const KEY_NAMESPACES = (() => {
  const dir = path.join(ROOT, 'apps/web/src/i18n');
  const namespaces = new Set<string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('zh-CN.ts'))) {
    for (const m of fs
      .readFileSync(path.join(dir, file), 'utf8')
      .matchAll(/^\s*'([a-zA-Z]\w*)\.[\w.]+':/gm)) {
      namespaces.add(m[1]!);
    }
  }
  return [...namespaces];
})();

/** A record page of each kind (and the linked pages outside the menu): the first link to one found on the menu pages. */
const RECORD_KINDS: [string, RegExp][] = [
  ['person', /^\/people\/(?!new$)[^/?#]+$/],
  ['matter', /^\/matters\/[^/?#]+$/],
  ['meeting', /^\/meetings\/(?!new$)[^/?#]+$/],
  ['candidate', /^\/pipeline\/candidates\/[^/?#]+$/],
  ['cohort', /^\/pipeline\/cohorts\/[^/?#]+$/],
  ['class-cohort', /^\/training\/class\/[^/?#]+$/],
  ['training-session', /^\/training\/sessions\/[^/?#]+$/],
  ['org', /^\/orgs\/[^/?#]+$/],
  ['campaign', /^\/elections\/(?!structure-report$)[^/?#]+$/],
  // Pages a menu page links to that have no menu entry of their own.
  ['pipeline-dashboard', /^\/pipeline\/dashboard$/],
  ['succession', /^\/pipeline\/succession$/],
];

const app = useDemoApp();

interface Tracked {
  page: Page;
  /** Requests in flight. */
  inflight: Set<Request>;
  /** Errors since the last `take()`. */
  errors: string[];
}

function track(page: Page): Tracked {
  const t: Tracked = { page, inflight: new Set(), errors: [] };
  page.on('request', (r) => t.inflight.add(r));
  page.on('requestfinished', (r) => t.inflight.delete(r));
  page.on('requestfailed', (r) => {
    t.inflight.delete(r);
    // A navigation away aborts what the last page still had in flight; that is not a failure.
    if (!/ERR_ABORTED/.test(r.failure()?.errorText ?? '')) t.errors.push(`request failed: ${r.url()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) t.errors.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') t.errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => t.errors.push(`page error: ${e.message}`));
  return t;
}

const DEBUG = /^(1|true)$/.test(process.env.XINHUO_TOUR_DEBUG ?? '');

/** Waits until no request has been in flight for 300 ms and no spinner or skeleton shows. */
async function settle(t: Tracked): Promise<void> {
  const start = Date.now();
  const deadline = start + 15_000;
  let quietSince = Date.now();
  let firstQuiet: number | undefined;
  while (Date.now() < deadline) {
    await t.page.waitForTimeout(100);
    if (t.inflight.size > 0) {
      quietSince = Date.now();
      continue;
    }
    if (Date.now() - quietSince < 300) continue;
    firstQuiet ??= Date.now();
    // A page whose h1 has not come yet may be between a redirect and its content: it gets 3 s more.
    const busy = await t.page.evaluate(
      (waitH1) =>
        !!document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .xh-boot') ||
        (waitH1 && document.querySelectorAll('h1').length === 0),
      Date.now() - firstQuiet < 3_000,
    );
    if (!busy) {
      if (DEBUG) console.log(`  settled in ${Date.now() - start} ms: ${t.page.url()}`);
      return;
    }
    quietSince = Date.now();
  }
  const busy = await t.page.evaluate(() =>
    [...document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active, .xh-boot')].map((e) =>
      e.outerHTML.slice(0, 120),
    ),
  );
  console.log(
    `  not settled after 15 s: ${t.page.url()} in flight ${[...t.inflight].map((r) => r.url()).join(', ')}; ${busy.join(' | ')}`,
  );
}

/** What is wrong with the page as it is now (empty when nothing). */
async function problems(page: Page, english: boolean): Promise<string[]> {
  return page.evaluate(
    ({ english, namespaces }) => {
      const found: string[] = [];
      const scroller = document.scrollingElement ?? document.documentElement;
      if (scroller.scrollWidth > window.innerWidth + 1) {
        // Name the element reaching furthest right that is not inside a box that clips or scrolls, to say where to look.
        let widest = '';
        let right = window.innerWidth + 1;
        for (const el of document.querySelectorAll<HTMLElement>('body *')) {
          const r = el.getBoundingClientRect();
          if (r.right <= right || r.width === 0) continue;
          let clipped = false;
          for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
            if (getComputedStyle(p).overflowX !== 'visible') {
              clipped = true;
              break;
            }
          }
          if (clipped) continue;
          right = r.right;
          widest = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').slice(0, 40)}"`;
        }
        found.push(`scrolls sideways: ${scroller.scrollWidth} px > ${window.innerWidth} (${widest})`);
      }
      const h1s = document.querySelectorAll('h1').length;
      if (h1s !== 1) found.push(`${h1s} h1 elements`);
      const text = document.body.innerText;
      const bad = text.match(/\b(undefined|null|NaN)\b/);
      if (bad) {
        const at = bad.index ?? 0;
        found.push(`shows "${bad[1]}": …${text.slice(Math.max(0, at - 40), at + 20).replace(/\s+/g, ' ')}…`);
      }
      const key = text.match(
        new RegExp(`(?<![\\w./@-])(${namespaces.join('|')})\\.[A-Za-z]\\w*(\\.\\w+)*\\b`),
      );
      if (key) found.push(`shows a message key: ${key[0]}`);
      if (english) {
        // The chrome: words the app itself puts there. Headings and card titles are left out, as they
        // mostly carry data (a person's name, a matter's title, a file's name).
        const chrome = [
          '.xh-sider .ant-menu-title-content',
          '.xh-header button',
          '.xh-header a',
          'button',
          '[role="tab"]',
          'th',
          '.ant-form-item-label',
          '.ant-statistic-title',
          '.ant-descriptions-item-label',
          '.ant-empty-description',
          '.ant-pagination',
          '.ant-radio-button-wrapper',
          '.ant-segmented-item-label',
          '.ant-select-selection-placeholder',
        ].join(', ');
        const cjk = /[\u3400-\u9fff]/;
        // A Chinese term given beside its English one, e.g. "Talent pipeline (薪火计划)", is a gloss.
        const gloss = /\s*\([\u3400-\u9fff]+\)/g;
        // (No named functions in here: the test's compiler would add a helper the page does not have.)
        const texts: [string, string][] = [];
        for (const el of document.querySelectorAll<HTMLElement>(chrome)) {
          // Data (a name, an org) is marked as such, and a language's own name is in its language.
          if (el.closest('[lang], .xh-user-badge, [translate="no"]') || !el.checkVisibility()) continue;
          texts.push([el.tagName.toLowerCase(), (el.innerText ?? '').trim()]);
        }
        for (const el of document.querySelectorAll<HTMLElement>(
          'input[placeholder], textarea[placeholder]',
        )) {
          if (el.checkVisibility()) texts.push(['placeholder', el.getAttribute('placeholder') ?? '']);
        }
        const seen = new Set<string>();
        for (const [what, text] of texts) {
          if (cjk.test(text.replace(gloss, '')) && !seen.has(text)) {
            seen.add(text);
            found.push(`Chinese in the English chrome (${what}): "${text.slice(0, 60)}"`);
          }
        }
      }
      return found;
    },
    { english, namespaces: KEY_NAMESPACES },
  );
}

function shotName(role: string, lang: string, size: string, url: string): string {
  const name = url.replace(/^\//, '').replace(/[/?=&#]+/g, '_') || 'home';
  return path.join(SHOTS!, `${role}-${lang}-${size}-${name}.png`);
}

async function tour(role: string, lang: 'zh-CN' | 'en'): Promise<string[]> {
  const page = await app.signIn(role, { viewport: DESK, locale: lang });
  const t = track(page);
  await page.locator('.xh-sider').waitFor();
  await settle(t);
  const menu = await page
    .locator('.xh-sider a[href]')
    .evaluateAll((links) => [...new Set(links.map((a) => a.getAttribute('href')!))]);
  assert.ok(menu.length > 0, `${role} has a menu`);
  const records = new Map<string, string>();
  if (menu.includes('/training')) {
    // The calendar opens on this month, which may hold no session: a session of the last two years is asked for.
    const year = new Date().getFullYear();
    const res = await page.request.get('/api/training/sessions', {
      params: { from: `${year - 2}-01-01`, to: `${year}-12-31` },
    });
    assert.ok(res.ok(), `training sessions: HTTP ${res.status()}`);
    const { items } = (await res.json()) as { items: { id: string }[] };
    if (items[0]) records.set('training-session', `/training/sessions/${encodeURIComponent(items[0].id)}`);
  }
  const queue = [...menu];
  const failures: string[] = [];
  t.errors.length = 0;
  for (let i = 0; i < queue.length; i++) {
    const url = queue[i]!;
    // Client-side, as a menu click goes: the app is not loaded again for every page.
    // The last page's h1 is marked, and its going tells that the new page has taken over.
    await page.evaluate((to) => {
      if (window.location.pathname !== to) {
        for (const h1 of document.querySelectorAll('h1')) h1.setAttribute('data-tour-stale', '');
      }
      window.history.pushState(null, '', to);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, url);
    await page
      .waitForFunction(() => !document.querySelector('[data-tour-stale]'), undefined, { timeout: 5_000 })
      .catch(() => undefined);
    for (const [size, viewport] of [
      ['1366', DESK],
      ['390', PHONE],
    ] as const) {
      if (size === '390') {
        // The pointer off the page: a tooltip it opened at 1366 px would be left where the page has no room.
        await page.mouse.move(0, 0);
        await page.setViewportSize(viewport);
      }
      await settle(t);
      const found = [...(await problems(page, lang === 'en')), ...t.errors.splice(0)];
      for (const f of found) failures.push(`${role} ${lang} ${size} ${url}: ${f}`);
      if (SHOTS) await page.screenshot({ path: shotName(role, lang, size, url) });
      if (size === '390') await page.setViewportSize(DESK);
    }
    if (i < menu.length) {
      const hrefs = await page
        .locator('.xh-content a[href]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
      for (const href of hrefs) {
        for (const [kind, pattern] of RECORD_KINDS) {
          if (!records.has(kind) && pattern.test(href)) records.set(kind, href);
        }
      }
      if (i === menu.length - 1) queue.push(...records.values());
    }
  }
  return failures;
}

if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });

for (const role of ROLES) {
  test(`${role}: every menu page and a record page of each kind, at 1366×768 and 390×844, in zh-CN and English`, async () => {
    const failures = [...(await tour(role, 'zh-CN')), ...(await tour(role, 'en'))];
    assert.deepEqual(failures, [], failures.join('\n'));
  });
}
