// The header search (issue 12): a person by name or pinyin (ltt, lutingting, 陆婷), a matter by its code,
// its 交办单 or 督办单 number, a meeting by its title — a few hits per kind from one scoped API. Keyboard:
// `/` focuses it, ↑/↓ choose, Enter opens. On a phone an icon opens it in a drawer.
import { useEffect, useRef, useState } from 'react';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { AutoComplete, Button, Drawer, Input, type InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { workspaceApi } from '../api/workspace-endpoints';
import { hasPermission, useMe } from '../auth/me-context';
import { useLanguage, useT } from '../i18n/use-t';
import { useIsPhone } from '../lib/use-is-phone';
import { matterLabel } from '../features/matters/matter-labels';
import './global-search.css';

const DEBOUNCE_MS = 250;

function useDebounced(value: string): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return v;
}

function SearchBox({ autoFocus, onDone }: { autoFocus?: boolean; onDone?: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const input = useRef<InputRef>(null);
  const hits = useQuery({
    queryKey: ['global-search', q],
    queryFn: ({ signal }) => workspaceApi.search(q, signal),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (e.key === '/' && !typing) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const data = q ? hits.data : undefined;
  const group = (label: string, options: { value: string; label: React.ReactNode }[]) =>
    options.length > 0 ? [{ label, options }] : [];
  const options = data
    ? [
        ...group(
          t('search.people'),
          data.people.map((p) => ({
            value: `/people/${encodeURIComponent(p.id)}`,
            label: (
              <span data-testid="search-hit-person">
                {p.name} <span className="xh-search-sub">{p.orgName}</span>
              </span>
            ),
          })),
        ),
        ...group(
          t('search.matters'),
          data.matters.map((m) => ({
            value: `/matters/${encodeURIComponent(m.id)}`,
            label: (
              <span data-testid="search-hit-matter">
                {m.code} {m.title}{' '}
                <span className="xh-search-sub">
                  {m.docNo ? `${m.docNo} · ` : ''}
                  {matterLabel('state', m.state, lang)}
                </span>
              </span>
            ),
          })),
        ),
        ...group(
          t('search.meetings'),
          data.meetings.map((m) => ({
            value: `/meetings/${encodeURIComponent(m.id)}`,
            label: (
              <span data-testid="search-hit-meeting">
                {m.title} <span className="xh-search-sub">{m.meetingDate}</span>
              </span>
            ),
          })),
        ),
      ]
    : [];
  const empty = data && options.length === 0;

  return (
    <AutoComplete
      className="xh-global-search"
      value={text}
      options={options}
      onChange={(v) => setText(v)}
      onSelect={(path: string) => {
        setText('');
        onDone?.();
        void navigate(path);
      }}
      defaultActiveFirstOption
      notFoundContent={empty ? t('search.none') : null}
      popupMatchSelectWidth={360}
      data-testid="global-search"
    >
      <Input
        ref={input}
        allowClear
        autoFocus={autoFocus}
        prefix={<SearchOutlined aria-hidden />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        title={t('search.hint')}
        maxLength={40}
        data-testid="global-search-input"
      />
    </AutoComplete>
  );
}

/** The search in the header, for users who may read the roster, matters or meetings. */
export function GlobalSearch() {
  const t = useT();
  const me = useMe();
  const isPhone = useIsPhone();
  const [open, setOpen] = useState(false);
  if (!['roster:read', 'matters:read', 'meetings:read'].some((p) => hasPermission(me, p))) return null;
  if (!isPhone)
    return (
      <div className="xh-global-search-box">
        <SearchBox />
      </div>
    );
  return (
    <>
      <Button
        type="text"
        icon={<SearchOutlined />}
        aria-label={t('search.label')}
        onClick={() => setOpen(true)}
        data-testid="global-search-open"
      />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="top"
        size="auto"
        title={t('search.label')}
        destroyOnHidden
        data-testid="global-search-drawer"
      >
        <SearchBox autoFocus onDone={() => setOpen(false)} />
      </Drawer>
    </>
  );
}
