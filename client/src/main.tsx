import '@fontsource/noto-sans-sc/400.css'
import '@fontsource/noto-sans-sc/700.css'
import './styles/app.css'
import './styles/controls.css'
import './styles/panels.css'
import './styles/alarms.css'
import './styles/alarmForms.css'
import './styles/incident.css'
import './styles/instructor.css'
import './styles/flowchart.css'
import './styles/replay.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { installAlarmTestHooks } from './alarms/installAlarmTestHooks'
import { startSirenController } from './alarms/sirenController'
import { App } from './App'
import { installResponseTestHooks } from './response/installResponseTestHooks'
import { initI18n } from './i18n/i18n'
import { twinStore } from './state/twinStore'
import { installTestHooks, testHooks } from './testHooks'

initI18n()
installTestHooks()
installAlarmTestHooks(twinStore)
installResponseTestHooks(twinStore)
startSirenController(twinStore)
// Connection state is a discrete fact: mirror it into the test hooks on change.
twinStore.subscribe((s) => {
  testHooks.connection = s.connection
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
)
