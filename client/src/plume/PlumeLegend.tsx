import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { twinStore } from '../state/twinStore'
import { useTwinStore } from '../state/useTwinStore'
import { zoneLevelIndex } from './plumeBuffer'
import { ZONE_LINE_COLORS } from './plumeRamp'

/** 16-point compass index of a bearing (deg). */
export const compassIndex = (deg: number) => Math.round((((deg % 360) + 360) % 360) / 22.5) % 16

/**
 * The plume's key facts for the room: wind (from where, how strong) and each threat zone's
 * reach, in the outline colours. Shown while a cloud exists; numbers painted at 1 Hz via refs.
 */
export function PlumeLegend() {
  const { t, i18n } = useTranslation()
  const active = useTwinStore((s) => s.plumeActive)
  const windRef = useRef<HTMLDivElement>(null)
  const distRefs = useRef<(HTMLSpanElement | null)[]>([])
  const labelRefs = useRef<(HTMLSpanElement | null)[]>([])

  useEffect(() => {
    if (!active) return
    const dirs = t('plume.dir', { returnObjects: true }) as string[]
    const paint = () => {
      const p = twinStore.getState().plume
      if (!p) return
      const w = p.wind
      if (windRef.current)
        windRef.current.textContent = w
          ? t('plume.wind', {
              dir: dirs[compassIndex(w.from_deg)],
              deg: Math.round(w.from_deg),
              speed: w.speed_m_s.toFixed(1),
            })
          : t('plume.noWind')
      for (let i = 0; i < 3; i++) {
        const level = p.levels[i]
        let reach = 0
        for (const z of p.zones) if (zoneLevelIndex(z, p.levels) === i) reach = Math.max(reach, z.maxDistance_m)
        const d = distRefs.current[i]
        if (d) d.textContent = level ? t('plume.distance', { m: reach }) : ''
        const l = labelRefs.current[i]
        if (l) l.textContent = level ? `${level.label.replace(/ \(60 min\)/, '')} ${formatMg(level.mgM3)} mg/m³` : ''
      }
    }
    paint()
    const id = window.setInterval(paint, 1000)
    return () => window.clearInterval(id)
  }, [active, t, i18n.language])

  if (!active) return null
  return (
    <section className="panel plume-legend" data-testid="plume-legend">
      <h2 className="panel__title">{t('plume.title')}</h2>
      <div ref={windRef} className="plume-legend__wind" data-testid="plume-wind" />
      <div className="plume-legend__levels">{t('plume.levels')}</div>
      <ul className="plume-legend__zones">
        {ZONE_LINE_COLORS.map((c, i) => (
          <li key={c} className="plume-legend__zone">
            <span className="plume-legend__swatch" style={{ background: c }} />
            <span
              ref={(el) => {
                labelRefs.current[i] = el
              }}
              className="plume-legend__label"
            />
            <span
              ref={(el) => {
                distRefs.current[i] = el
              }}
              className="plume-legend__dist"
            />
          </li>
        ))}
      </ul>
    </section>
  )
}

function formatMg(v: number): string {
  return v >= 10 ? String(Math.round(v)) : v.toPrecision(2)
}
