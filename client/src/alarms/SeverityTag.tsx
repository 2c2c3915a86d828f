import { SEVERITY_COLORS, SEVERITY_LABELS, type Severity } from '@sim/alarms'
import { useTranslation } from 'react-i18next'

/** 红色 Ⅰ级 / Red · Ⅰ on the severity's own colour, dark text for the light yellow. */
export function SeverityTag({ severity }: { severity: Severity }) {
  const { t, i18n } = useTranslation()
  const l = SEVERITY_LABELS[severity]
  return (
    <span
      className={`severity-tag severity-tag--${severity}`}
      style={{ background: SEVERITY_COLORS[severity] }}
      data-severity={severity}
    >
      {t('alarms.severity', { label: i18n.language === 'en' ? l.en : l.zh, level: l.level })}
    </span>
  )
}
