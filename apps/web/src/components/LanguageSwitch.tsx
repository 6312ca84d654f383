// 中文 | English: two buttons as one radio group (plain elements: the login page loads no antd Segmented).
import { LANGUAGES } from '../i18n/language-store';
import { switchLanguage, useLanguage, useT } from '../i18n/use-t';

export function LanguageSwitch() {
  const t = useT();
  const language = useLanguage();
  return (
    <div
      role="radiogroup"
      aria-label={t('lang.switch')}
      className="xh-lang-switch"
      data-testid="language-switch"
    >
      {LANGUAGES.map((lang) => (
        <button
          key={lang}
          type="button"
          role="radio"
          aria-checked={lang === language}
          lang={lang}
          className={lang === language ? 'xh-lang-option xh-lang-current' : 'xh-lang-option'}
          onClick={() => void switchLanguage(lang)}
        >
          {t(`lang.${lang}`)}
        </button>
      ))}
    </div>
  );
}
