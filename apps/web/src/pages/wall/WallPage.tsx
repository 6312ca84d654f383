// 大屏驾驶舱: a full-screen cockpit for a meeting-room display. Dark, large type, panels that rotate
// (with a progress bar; paused while the pointer is over the panel or with the space bar; ← → switch),
// figures polled every minute. Opened with a display token (`/wall#token=…`, kept in this browser) or by a
// signed-in user who may see the statistics. Aggregates only: the server's answer holds no personal data.
import { useQuery } from '@tanstack/react-query';
import { EDUCATION_GROUPS, type Wall } from '@xinhuo/shared';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isApiError } from '../../api/client';
import { wallApi } from '../../api/wall-endpoints';
import { useLanguage, useT, type MessageKey } from '../../i18n/use-t';
import type { Language } from '../../i18n/language-store';
import { formatInteger, formatOneDecimal, formatPercent, formatTimestamp } from '../../lib/format';
import { AGE_BAND_ORDER, labels } from '../../lib/labels';
import './wall.css';

const TOKEN_KEY = 'xinhuo.wallToken';
/** The rotation until the first answer brings the platform setting. */
const DEFAULT_SECONDS = 20;
const HOVER_PAUSE_MS = 60_000;

/** The display token: taken from the address's fragment once (then removed from it), else remembered. */
function takeToken(): string | null {
  const m = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    try {
      localStorage.setItem(TOKEN_KEY, m[1]!);
    } catch {
      // Private mode: the token lives as long as the page.
    }
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1]!;
  }
  try {
    return localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** `?seconds=N` overrides the platform's rotation (1–300 s; the browser test uses a short one). */
function rotationOverride(): number | null {
  const n = Number(new URLSearchParams(window.location.search).get('seconds'));
  return Number.isFinite(n) && n >= 1 && n <= 300 ? n : null;
}

type PanelKey = 'roster' | 'loop' | 'towns' | 'pipeline' | 'training';

function panelsOf(w: Wall): PanelKey[] {
  const p: PanelKey[] = ['roster', 'loop'];
  if (w.roster.byChild.length > 0 || w.loop.byChild.length > 0) p.push('towns');
  if (w.pipeline.programs.some((x) => x.tiers.length > 0)) p.push('pipeline');
  if (w.training.cohorts > 0) p.push('training');
  return p;
}

export default function WallPage() {
  const t = useT();
  const [token] = useState(takeToken);
  const [override] = useState(rotationOverride);
  const wall = useQuery({
    queryKey: ['wall', token],
    queryFn: ({ signal }) => wallApi.get(token, signal),
    refetchInterval: (q) => (q.state.data?.refreshSeconds ?? 60) * 1000,
    refetchIntervalInBackground: true,
    retry: (count, error) => !(isApiError(error) && error.status === 401) && count < 2,
    staleTime: 0,
  });
  const data = wall.data;
  // The platform setting (系统设置), unless the link says otherwise.
  const seconds = override ?? data?.panelSeconds ?? DEFAULT_SECONDS;
  const panels = useMemo(() => (data ? panelsOf(data) : []), [data]);
  const [index, setIndex] = useState(0);
  const [hovered, setHovered] = useState(false);
  // A pointer left resting over the screen pauses it for a while only, not for good.
  const hoverTimer = useRef<number | undefined>(undefined);
  const pointerMoved = useCallback(() => {
    setHovered(true);
    window.clearTimeout(hoverTimer.current);
    hoverTimer.current = window.setTimeout(() => setHovered(false), HOVER_PAUSE_MS);
  }, []);
  const pointerLeft = useCallback(() => {
    window.clearTimeout(hoverTimer.current);
    setHovered(false);
  }, []);
  useEffect(() => () => window.clearTimeout(hoverTimer.current), []);
  const [held, setHeld] = useState(false);
  const paused = hovered || held;
  const current = panels.length > 0 ? panels[index % panels.length]! : null;
  const step = useCallback(
    (d: number) => setIndex((i) => (panels.length === 0 ? 0 : (i + d + panels.length) % panels.length)),
    [panels.length],
  );

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === ' ') {
        e.preventDefault();
        setHeld((h) => !h);
      } else if (e.key === 'ArrowRight') step(1);
      else if (e.key === 'ArrowLeft') step(-1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [step]);

  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), 15_000);
    return () => window.clearInterval(id);
  }, []);

  const refused = isApiError(wall.error) && wall.error.status === 401;
  if (refused)
    return (
      <div className="xh-wall xh-wall-message" data-testid="wall-refused" role="alert">
        <h1>{t('wall.tokenInvalid')}</h1>
        <p>{t('wall.tokenInvalidHint')}</p>
      </div>
    );

  return (
    <div className="xh-wall" data-testid="wall">
      <header className="xh-wall-header">
        <div className="xh-wall-brand">
          <span className="xh-wall-logo">{t('app.name')}</span>
          <h1>
            {data?.orgName ?? ''} · {t('wall.title')}
          </h1>
        </div>
        <div className="xh-wall-clock">
          <time>{formatTimestamp(now.toISOString()).slice(0, 16)}</time>
          {data && (
            <small>
              {t('wall.updated')} {formatTimestamp(data.generatedAt).slice(11, 16)}
            </small>
          )}
          {!document.fullscreenElement && document.fullscreenEnabled && (
            <button
              type="button"
              className="xh-wall-button"
              onClick={() => void document.documentElement.requestFullscreen().catch(() => undefined)}
            >
              {t('wall.fullscreen')}
            </button>
          )}
        </div>
      </header>
      {wall.isError && data && <div className="xh-wall-offline">{t('wall.offline')}</div>}
      <main
        className="xh-wall-main"
        onMouseEnter={pointerMoved}
        onMouseMove={pointerMoved}
        onMouseLeave={pointerLeft}
        aria-live="polite"
      >
        {!data || !current ? (
          <p className="xh-wall-loading">{wall.isError ? t('wall.offline') : t('wall.loading')}</p>
        ) : (
          <Panel key={current} panel={current} w={data} />
        )}
      </main>
      <footer className="xh-wall-footer">
        <nav className="xh-wall-tabs" aria-label={t('wall.title')}>
          {panels.map((p, i) => (
            <button
              type="button"
              key={p}
              className={p === current ? 'xh-wall-tab xh-wall-tab-on' : 'xh-wall-tab'}
              aria-current={p === current}
              onClick={() => setIndex(i)}
            >
              {t(`wall.panel.${p}` as MessageKey)}
            </button>
          ))}
        </nav>
        <div className="xh-wall-state">
          <span data-testid="wall-state">{paused ? t('wall.paused') : t('wall.playing')}</span>
          <small>{t('wall.keysHint')}</small>
        </div>
        {current && panels.length > 1 && (
          // The bar fills in `seconds`; its animation's end turns to the next panel, so pausing the
          // animation pauses the rotation too.
          <div className="xh-wall-progress" aria-hidden="true">
            <div
              key={`${current}-${index}`}
              data-testid="wall-progress"
              className={paused ? 'xh-wall-progress-bar xh-wall-progress-paused' : 'xh-wall-progress-bar'}
              style={{ animationDuration: `${seconds}s` }}
              onAnimationEnd={() => step(1)}
            />
          </div>
        )}
      </footer>
    </div>
  );
}

function Kpi({ label, value, unit, tone }: { label: string; value: string; unit?: string; tone?: 'warn' }) {
  return (
    <div className={tone === 'warn' ? 'xh-wall-kpi xh-wall-kpi-warn' : 'xh-wall-kpi'}>
      <div className="xh-wall-kpi-value">
        {value}
        {unit && <span className="xh-wall-kpi-unit">{unit}</span>}
      </div>
      <div className="xh-wall-kpi-label">{label}</div>
    </div>
  );
}

/** Horizontal bars: each row's share of the largest value. */
function Bars({ title, rows }: { title: string; rows: { label: string; value: number; text?: string }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <section className="xh-wall-bars">
      <h3>{title}</h3>
      {rows.map((r) => (
        <div className="xh-wall-bar-row" key={r.label}>
          <span className="xh-wall-bar-label">{r.label}</span>
          <span className="xh-wall-bar-track">
            <span className="xh-wall-bar-fill" style={{ width: `${(r.value / max) * 100}%` }} />
          </span>
          <span className="xh-wall-bar-value">{r.text ?? r.value}</span>
        </div>
      ))}
    </section>
  );
}

function PanelFrame({ title, sub, children }: { title: string; sub?: string; children: ReactNode }) {
  return (
    <section className="xh-wall-panel" data-testid="wall-panel">
      <h2>
        {title}
        {sub && <small>{sub}</small>}
      </h2>
      {children}
    </section>
  );
}

function order<T>(rows: readonly T[], keyOf: (r: T) => string, keys: readonly string[]): T[] {
  const at = (k: string) => (keys.includes(k) ? keys.indexOf(k) : keys.length);
  return [...rows].sort((a, b) => at(keyOf(a)) - at(keyOf(b)));
}

function Panel({ panel, w }: { panel: PanelKey; w: Wall }) {
  const t = useT();
  const lang = useLanguage();
  const int = (n: number | null) => formatInteger(n, lang);
  if (panel === 'roster') {
    const r = w.roster;
    const total = r.gender.male + r.gender.female;
    return (
      <PanelFrame title={t('wall.panel.roster')} sub={`${t('wall.refDate')} ${r.refDate}`}>
        <div className="xh-wall-kpis">
          <Kpi label={t('wall.organizations')} value={int(r.organizations)} />
          <Kpi label={t('wall.members')} value={int(r.members)} />
          <Kpi label={t('wall.averageAge')} value={formatOneDecimal(r.averageAge)} />
          <Kpi label={t('wall.college')} value={formatPercent(r.collegeShare)} />
          <Kpi label={t('wall.secretaryDirector')} value={formatPercent(r.secretaryDirector.rate)} />
          <Kpi label={t('wall.women')} value={formatPercent(total ? r.gender.female / total : null)} />
          <Kpi label={t('wall.born1985')} value={formatPercent(r.bornAfter1985Share)} />
        </div>
        <div className="xh-wall-columns">
          <Bars
            title={t('wall.ageBands')}
            rows={order(r.ageBands, (b) => b.band, AGE_BAND_ORDER).map((b) => ({
              label: labels.ageBand(b.band),
              value: b.count,
            }))}
          />
          <Bars
            title={t('wall.education')}
            rows={order(
              r.education,
              (e) => e.level,
              EDUCATION_GROUPS.map((g) => g.code as string),
            ).map((e) => ({ label: labels.education(e.level, lang) || e.level, value: e.count }))}
          />
        </div>
      </PanelFrame>
    );
  }
  if (panel === 'loop') {
    const m = w.loop.totals;
    const s = m.satisfaction;
    return (
      <PanelFrame title={t('wall.panel.loop')} sub={`${t('wall.period')} ${w.loop.from} — ${w.loop.to}`}>
        <div className="xh-wall-kpis">
          <Kpi label={t('wall.meetingsHeld')} value={int(w.loop.meetingsHeld)} />
          <Kpi label={t('wall.raised')} value={int(m.raised)} />
          <Kpi label={t('wall.open')} value={int(m.open)} />
          <Kpi
            label={t('wall.overdueNow')}
            value={int(m.overdueNow)}
            tone={m.overdueNow > 0 ? 'warn' : undefined}
          />
          <Kpi label={t('wall.closed')} value={int(m.closed)} />
          <Kpi label={t('wall.onTimeRate')} value={formatPercent(m.onTimeRate)} />
          <Kpi label={t('wall.satisfactionRate')} value={formatPercent(m.satisfactionRate)} />
          <Kpi label={t('wall.closedLoopRate')} value={formatPercent(m.closedLoopRate)} />
        </div>
        <div className="xh-wall-columns">
          <Bars
            title={t('wall.satisfaction')}
            rows={[
              { label: t('wall.satisfied'), value: s.satisfied },
              { label: t('wall.basic'), value: s.basic },
              { label: t('wall.dissatisfied'), value: s.dissatisfied },
              { label: t('wall.noResponse'), value: s.noResponse },
            ]}
          />
          <Bars
            title={t('wall.overdueNow')}
            rows={w.loop.byChild
              .filter((c) => c.overdueNow > 0)
              .sort((a, b) => b.overdueNow - a.overdueNow)
              .slice(0, 8)
              .map((c) => ({ label: c.name, value: c.overdueNow }))}
          />
        </div>
      </PanelFrame>
    );
  }
  if (panel === 'towns') return <TownsPanel w={w} lang={lang} />;
  if (panel === 'pipeline')
    return (
      <PanelFrame title={t('wall.panel.pipeline')}>
        {w.pipeline.programs.map((p) => (
          <div key={p.name} className="xh-wall-program">
            <h3>
              {p.name} <small>{`${p.periodFrom.slice(0, 4)}—${p.periodTo.slice(0, 4)}`}</small>
            </h3>
            {p.tiers.map((tier) => {
              const share = tier.target > 0 ? Math.min(1, tier.filled / tier.target) : null;
              return (
                <div className="xh-wall-tier" key={tier.nameZh}>
                  <span className="xh-wall-tier-name">{lang === 'en' ? tier.nameEn : tier.nameZh}</span>
                  <span className="xh-wall-bar-track xh-wall-tier-track">
                    <span className="xh-wall-bar-fill" style={{ width: `${(share ?? 0) * 100}%` }} />
                  </span>
                  <span className="xh-wall-tier-figures">
                    {int(tier.filled)} / {int(tier.target)}
                    <small>
                      {t('wall.inProgress')} {int(tier.inProgress)} · {t('wall.placed')} {int(tier.placed)}
                    </small>
                  </span>
                </div>
              );
            })}
          </div>
        ))}
      </PanelFrame>
    );
  const tr = w.training;
  return (
    <PanelFrame title={t('wall.panel.training')}>
      <div className="xh-wall-kpis xh-wall-kpis-big">
        <Kpi
          label={
            tr.fromYear !== null && tr.toYear !== null
              ? `${t('wall.trained')} · ${t('wall.trainedYears', { from: tr.fromYear, to: tr.toYear })}`
              : t('wall.trained')
          }
          value={int(tr.trainedTotal)}
          unit={t('wall.people')}
        />
        <Kpi
          label={t('wall.placedInVillages')}
          value={int(tr.placedInVillagesTotal)}
          unit={t('wall.people')}
        />
        <Kpi label={t('wall.cohorts')} value={int(tr.cohorts)} />
      </div>
      <Bars
        title={t('wall.byCohort')}
        rows={tr.byCohort.map((c) => ({
          label: `${c.intakeYear}`,
          value: c.graduated,
          text: `${int(c.graduated)} / ${int(c.students)}`,
        }))}
      />
    </PanelFrame>
  );
}

function TownsPanel({ w, lang }: { w: Wall; lang: Language }) {
  const t = useT();
  const loopByName = new Map(w.loop.byChild.map((c) => [c.name, c]));
  const names = [
    ...w.roster.byChild.map((c) => c.name),
    ...w.loop.byChild.map((c) => c.name).filter((n) => !w.roster.byChild.some((c) => c.name === n)),
  ];
  const rosterByName = new Map(w.roster.byChild.map((c) => [c.name, c]));
  // Ten rows fit a 1366×768 screen in the wall's type, fourteen a 1920×1080 one; a larger subtree shows
  // those with the most members.
  const limit = window.innerHeight >= 1000 ? 14 : 10;
  const rows = names
    .map((name) => ({ name, r: rosterByName.get(name), l: loopByName.get(name) }))
    .sort((a, b) => (b.r?.members ?? 0) - (a.r?.members ?? 0))
    .slice(0, limit);
  return (
    <PanelFrame title={t('wall.panel.towns')}>
      <table className="xh-wall-table">
        <thead>
          <tr>
            <th scope="col">{t('wall.org')}</th>
            <th scope="col">{t('wall.members')}</th>
            <th scope="col">{t('wall.averageAge')}</th>
            <th scope="col">{t('wall.college')}</th>
            <th scope="col">{t('wall.secretaryDirector')}</th>
            <th scope="col">{t('wall.matters')}</th>
            <th scope="col">{t('wall.overdueNow')}</th>
            <th scope="col">{t('wall.onTimeRate')}</th>
            <th scope="col">{t('wall.satisfactionRate')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ name, r, l }) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{formatInteger(r?.members ?? null, lang)}</td>
              <td>{formatOneDecimal(r?.averageAge)}</td>
              <td>{formatPercent(r?.collegeShare)}</td>
              <td>{formatPercent(r?.secretaryDirectorRate)}</td>
              <td>{formatInteger(l?.raised ?? null, lang)}</td>
              <td className={l && l.overdueNow > 0 ? 'xh-wall-warn' : undefined}>
                {formatInteger(l?.overdueNow ?? null, lang)}
              </td>
              <td>{formatPercent(l?.onTimeRate)}</td>
              <td>{formatPercent(l?.satisfactionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </PanelFrame>
  );
}
