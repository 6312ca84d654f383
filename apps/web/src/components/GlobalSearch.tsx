// The header search (issue 12). The first screen shows a plain field; the search box itself (GlobalSearchBox,
// with antd's AutoComplete) is fetched when the field is first focused, typed into or reached with `/`, and
// takes over with the text typed so far and the focus. On a phone an icon opens it in a drawer.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Button, Drawer, Input, Spin, type InputRef } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { hasPermission, useMe } from '../auth/me-context';
import { useT } from '../i18n/use-t';
import { useIsPhone } from '../lib/use-is-phone';
import { isSearchKey } from './search-key';
import './global-search.css';

const loadSearchBox = () => import('./GlobalSearchBox');
type SearchBoxModule = Awaited<ReturnType<typeof loadSearchBox>>;
const LazySearchBox = lazy(() => loadSearchBox().then((m) => ({ default: m.SearchBox })));

/** The header field: a stand-in until the first use, then the search box. */
function DeferredSearchBox() {
  const t = useT();
  const [loaded, setLoaded] = useState<SearchBoxModule | null>(null);
  const [text, setText] = useState('');
  const [focused, setFocused] = useState(false);
  const input = useRef<InputRef>(null);
  const load = () => {
    void loadSearchBox().then(setLoaded);
  };

  useEffect(() => {
    if (loaded) return;
    const onKey = (e: KeyboardEvent) => {
      if (isSearchKey(e)) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [loaded]);

  if (loaded) return <loaded.SearchBox initialText={text} autoFocus={focused} />;
  return (
    <Input
      ref={input}
      className="xh-global-search"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        load();
      }}
      onFocus={() => {
        setFocused(true);
        load();
      }}
      onBlur={() => setFocused(false)}
      prefix={<SearchOutlined aria-hidden />}
      placeholder={t('search.placeholder')}
      aria-label={t('search.label')}
      title={t('search.hint')}
      maxLength={40}
      data-testid="global-search-input"
    />
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
        <DeferredSearchBox />
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
        <Suspense fallback={<Spin size="small" />}>
          <LazySearchBox autoFocus onDone={() => setOpen(false)} />
        </Suspense>
      </Drawer>
    </>
  );
}
