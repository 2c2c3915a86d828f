import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { livePeople, usePeopleCount } from '../people/peopleBuffer'
import '../styles/people.css'
import { formatCount } from './formatServerClock'

const PAINT_MS = 1000

/**
 * People on site / in hazard zones / down / exposed, from the live people buffer. Painted into the
 * DOM once a second through refs (the counts change per 5 Hz frame; React never sees them).
 * Hidden for scenes without people (and, by incident.css, while an incident takes the column).
 */
export function PeopleKpi() {
  const { t, i18n } = useTranslation()
  const count = usePeopleCount()
  const locale = i18n.language
  const onSite = useRef<HTMLElement>(null)
  const inZones = useRef<HTMLElement>(null)
  const down = useRef<HTMLElement>(null)
  const exposed = useRef<HTMLElement>(null)

  useEffect(() => {
    if (count === 0) return
    const paint = () => {
      const c = livePeople.counts
      const live = livePeople.version > 0
      const put = (el: HTMLElement | null, v: number, alertClass?: string) => {
        if (!el) return
        el.textContent = live ? formatCount(v, locale) : '–'
        if (alertClass) el.parentElement?.classList.toggle(alertClass, live && v > 0)
      }
      put(onSite.current, c.located)
      put(inZones.current, c.inHazard, 'kpi-figure--warn')
      put(down.current, c.down, 'kpi-figure--alert')
      put(exposed.current, c.exposed, 'kpi-figure--fault')
    }
    paint()
    const id = window.setInterval(paint, PAINT_MS)
    return () => window.clearInterval(id)
  }, [count, locale])

  if (count === 0) return null
  return (
    <dl className="kpi-strip__people" data-testid="kpi-people">
      <div className="kpi-figure">
        <dt>{t('people.onSite')}</dt>
        <dd ref={onSite} data-testid="kpi-people-on-site">
          –
        </dd>
      </div>
      <div className="kpi-figure">
        <dt>{t('people.inZones')}</dt>
        <dd ref={inZones} data-testid="kpi-people-in-zones">
          –
        </dd>
      </div>
      <div className="kpi-figure">
        <dt>{t('people.down')}</dt>
        <dd ref={down}>–</dd>
      </div>
      <div className="kpi-figure">
        <dt>{t('people.exposed')}</dt>
        <dd ref={exposed}>–</dd>
      </div>
    </dl>
  )
}
