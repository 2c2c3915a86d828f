import { useTranslation } from 'react-i18next'
import { useTwinStore } from '../state/useTwinStore'
import type { I18nName } from './alarmView'

/** Locale, scene timezone and a picker for {zh, en} names, shared by the alarm and detail panels. */
export function useSceneFormat() {
  const { i18n } = useTranslation()
  const timeZone = useTwinStore((s) => s.scene?.scene.timezone ?? 'Asia/Shanghai')
  const locale = i18n.language
  const en = locale === 'en'
  const name = (n: I18nName | null | undefined, fallback = ''): string => (n ? (en ? n.en : n.zh) : fallback)
  return { locale, timeZone, en, name }
}
