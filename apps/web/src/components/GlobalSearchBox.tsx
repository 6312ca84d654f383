// The header search box (issue 12): a person by name or pinyin (ltt, lutingting, 陆婷), a matter by its code,
// its 交办单 or 督办单 number, a meeting by its title — a few hits per kind from one scoped API. Keyboard:
// `/` focuses it, ↑/↓ choose, Enter opens. Loaded by GlobalSearch when the search is first used (antd's
// AutoComplete brings the Select engine, ~22 kB compressed, which the first screen does not need).
import { useEffect, useRef, useState } from 'react';
import { useQuery, keepPreviousData } from '@tanstack/react-query';
import { AutoComplete, Input, type InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { workspaceApi } from '../api/workspace-endpoints';
import { useLanguage, useT } from '../i18n/use-t';
import { matterLabel } from '../features/matters/matter-labels';
import { isSearchKey } from './search-key';

const DEBOUNCE_MS = 250;

function useDebounced(value: string): string {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return v;
}

interface SearchBoxProps {
  autoFocus?: boolean;
  /** What was typed into the stand-in field before this box was loaded. */
  initialText?: string;
  onDone?: () => void;
}

export function SearchBox({ autoFocus, initialText = '', onDone }: SearchBoxProps) {
  const t = useT();
  const lang = useLanguage();
  const navigate = useNavigate();
  const [text, setText] = useState(initialText);
  // Text typed into the stand-in before this box came shows its hits without another keystroke.
  const [open, setOpen] = useState(initialText !== '');
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
      if (isSearchKey(e)) {
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
      open={open}
      onOpenChange={setOpen}
      onChange={(v) => {
        setText(v);
        setOpen(true);
      }}
      onSelect={(path: string) => {
        setText('');
        setOpen(false);
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
