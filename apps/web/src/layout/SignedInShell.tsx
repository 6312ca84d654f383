// What only signed-in pages load: the sign-in check, antd's App (message, notification, modal hooks),
// dayjs in the UI language, keyboard reach for scrolling tables, and the frame. Loaded lazily from the route table, so the login page
// carries none of it.
import { App as AntApp } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { RequireAuth } from '../auth/RequireAuth';
import { usePublicSettings } from '../features/settings/use-settings';
import { languageChosen } from '../i18n/language-store';
import { switchLanguage, useLanguage, useT } from '../i18n/use-t';
import { useScrollRegions } from '../lib/use-scroll-regions';
import { AppLayout } from './AppLayout';

export default function SignedInShell() {
  const language = useLanguage();
  const t = useT();
  useScrollRegions(t('a11y.scrollRegion'));
  useEffect(() => {
    dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  }, [language]);
  return (
    <RequireAuth>
      <DefaultLanguage />
      <AntApp>
        <AppLayout />
      </AntApp>
    </RequireAuth>
  );
}

/** A user who never chose a language sees the platform's default one (a setting), not remembered as a choice. */
function DefaultLanguage() {
  const language = useLanguage();
  const preferred = usePublicSettings().data?.defaultLanguage;
  useEffect(() => {
    if (preferred && preferred !== language && !languageChosen())
      void switchLanguage(preferred, { remember: false });
  }, [preferred, language]);
  return null;
}
