// What only signed-in pages load: the sign-in check, antd's App (message, notification, modal hooks),
// dayjs in the UI language, and the frame. Loaded lazily from the route table, so the login page
// carries none of it.
import { App as AntApp } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect } from 'react';
import { RequireAuth } from '../auth/RequireAuth';
import { useLanguage } from '../i18n/use-t';
import { AppLayout } from './AppLayout';

export default function SignedInShell() {
  const language = useLanguage();
  useEffect(() => {
    dayjs.locale(language === 'en' ? 'en' : 'zh-cn');
  }, [language]);
  return (
    <RequireAuth>
      <AntApp>
        <AppLayout />
      </AntApp>
    </RequireAuth>
  );
}
