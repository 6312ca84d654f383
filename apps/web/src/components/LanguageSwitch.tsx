import { Segmented } from 'antd';
import { LANGUAGES, type Language } from '../i18n/language-store';
import { switchLanguage, useLanguage, useT } from '../i18n/use-t';

export function LanguageSwitch() {
  const t = useT();
  const language = useLanguage();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('lang.switch')}
      value={language}
      onChange={(language) => void switchLanguage(language)}
      options={LANGUAGES.map((lang) => ({ value: lang, label: t(`lang.${lang}`) }))}
      data-testid="language-switch"
    />
  );
}
