/**
 * i18next set up once at start. zh-CN is the default (the customer's command halls); `?lang=en`
 * or the toggle switch to English, and the choice is remembered per browser so a wall screen
 * comes back in the language it was left in.
 */
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { en } from './en'
import { authEn } from './en.auth'
import { responseEn } from './en.response'
import { zhCN } from './zh-CN'
import { authZhCN } from './zh-CN.auth'
import { responseZhCN } from './zh-CN.response'

export const LANGUAGES = ['zh-CN', 'en'] as const
export type Language = (typeof LANGUAGES)[number]

const STORAGE_KEY = 'safetwin.lang'

function initialLanguage(): Language {
  const fromUrl = new URLSearchParams(window.location.search).get('lang')
  const stored = safeStorageGet(STORAGE_KEY)
  const want = fromUrl ?? stored
  return want === 'en' ? 'en' : 'zh-CN'
}

function safeStorageGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key)
  } catch {
    return null // storage can be disabled on locked-down wall PCs
  }
}

export function setLanguage(lang: Language): void {
  void i18next.changeLanguage(lang)
  try {
    window.localStorage.setItem(STORAGE_KEY, lang)
  } catch {
    // ignore: the toggle still works for this session
  }
}

export function initI18n(): typeof i18next {
  const lng = initialLanguage()
  void i18next.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: { ...zhCN, ...responseZhCN, ...authZhCN } },
      en: { translation: { ...en, ...responseEn, ...authEn } },
    },
    lng,
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false }, // React escapes already
    initAsync: false, // resources are bundled, so t() works on first render
  })
  document.documentElement.lang = lng
  i18next.on('languageChanged', (l) => {
    document.documentElement.lang = l
    document.title = i18next.t('app.title')
  })
  document.title = i18next.t('app.title')
  return i18next
}
