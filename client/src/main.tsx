import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import './styles/app.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { initI18n } from './i18n/i18n'
import { twinStore } from './state/twinStore'
import { installTestHooks, testHooks } from './testHooks'

initI18n()
installTestHooks()
// Connection state is a discrete fact: mirror it into the test hooks on change.
twinStore.subscribe((s) => {
  testHooks.connection = s.connection
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
