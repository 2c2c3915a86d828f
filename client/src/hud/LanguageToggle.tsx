import { useTranslation } from 'react-i18next'
import { setLanguage } from '../i18n/i18n'

/** 中文 / EN switch. Shows the language you would switch to, as Chinese sites do. */
export function LanguageToggle() {
  const { t, i18n } = useTranslation()
  const next = i18n.language === 'en' ? 'zh-CN' : 'en'
  return (
    <button
      type="button"
      className="language-toggle"
      data-testid="language-toggle"
      aria-label={t('language.label')}
      onClick={() => setLanguage(next)}
    >
      {t('language.toggle')}
    </button>
  )
}
