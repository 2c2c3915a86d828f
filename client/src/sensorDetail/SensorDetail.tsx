import { DEVICE_UNITS } from '@sim/scene/sceneSchema'
import { useEffect, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useSceneFormat } from '../alarms/useSceneFormat'
import { formatUnit, formatWithUnit } from '../hud/formatReading'
import { twinStore } from '../state/twinStore'
import { useTwinStore } from '../state/useTwinStore'
import { classifyReading, SENSOR_LEVEL_COLORS, SENSOR_LEVEL_NAMES } from '../twin3d/sensorLevels'
import { DeviceAlarmHistory } from './DeviceAlarmHistory'
import { TrendChart } from './TrendChart'

const LIVE_PERIOD_MS = 250
const THRESHOLD_KEYS = ['lowLow', 'low', 'high', 'highHigh'] as const

/**
 * The selected sensor: what it is, its limits, its live value and state, a two-minute trend and
 * its alarm history. The live value is written through refs at 4 Hz; React renders on selection.
 */
export function SensorDetail() {
  const { t } = useTranslation()
  const { name } = useSceneFormat()
  const deviceId = useTwinStore((s) => s.selectedDevice)
  const loaded = useTwinStore((s) => s.scene)
  const valueRef = useRef<HTMLElement>(null)
  const statusRef = useRef<HTMLElement>(null)
  const index = deviceId && loaded ? (loaded.resolved.deviceIndex.get(deviceId) ?? -1) : -1
  const device = index >= 0 ? loaded!.scene.devices[index] : null
  const unit = device ? DEVICE_UNITS[device.type] : ''
  const enterprise = device?.enterpriseId ? loaded!.scene.enterprises.find((e) => e.id === device.enterpriseId) : null
  const limits = useMemo(
    () => ({
      lowLow: device?.thresholds.lowLow ?? NaN,
      low: device?.thresholds.low ?? NaN,
      high: device?.thresholds.high ?? NaN,
      highHigh: device?.thresholds.highHigh ?? NaN,
    }),
    [device],
  )

  useEffect(() => {
    if (index < 0 || !loaded) return
    const paint = () => {
      const tel = twinStore.getState().telemetry
      if (!tel) return
      const level = SENSOR_LEVEL_NAMES[classifyReading(loaded.thresholds, index, tel.values[index], tel.status[index])]
      if (valueRef.current) {
        valueRef.current.textContent = formatWithUnit(tel.values[index], unit)
        valueRef.current.style.color = SENSOR_LEVEL_COLORS[level]
      }
      if (statusRef.current) {
        statusRef.current.textContent = t(`legend.${level}`)
        statusRef.current.style.color = SENSOR_LEVEL_COLORS[level]
      }
    }
    paint()
    const id = window.setInterval(paint, LIVE_PERIOD_MS)
    return () => window.clearInterval(id)
  }, [index, loaded, unit, t])

  if (!device) return null
  const limitText = THRESHOLD_KEYS.filter((k) => device.thresholds[k] !== undefined)
    .map((k) => `${t(`detail.threshold.${k}`)} ${formatWithUnit(device.thresholds[k], unit)}`)
    .join('  ')

  return (
    <section className="panel sensor-detail" data-testid="sensor-detail" data-device={device.id}>
      <header className="panel__header">
        <h2 className="panel__title">
          {name(device.name, device.id)} <span className="sensor-detail__id">{device.id}</span>
        </h2>
        <button
          type="button"
          className="btn btn--ghost"
          onClick={() => twinStore.getState().selectDevice(null)}
          data-testid="detail-close"
        >
          {t('detail.close')}
        </button>
      </header>
      <div className="sensor-detail__grid">
        <dl className="sensor-detail__facts">
          <div>
            <dt>{t('detail.current')}</dt>
            <dd ref={valueRef} className="sensor-detail__value" data-testid="detail-value">
              {t('detail.waiting')}
            </dd>
          </div>
          <div>
            <dt>{t('detail.status')}</dt>
            <dd ref={statusRef} className="sensor-detail__status" />
          </div>
          <div>
            <dt>{t('detail.type')}</dt>
            <dd>
              {t(`deviceType.${device.type}`)}
              {device.substance ? ` · ${device.substance}` : ''} · {formatUnit(unit)}
            </dd>
          </div>
          <div>
            <dt>{t('detail.enterprise')}</dt>
            <dd>{name(enterprise?.name, t('alarms.parkDevice'))}</dd>
          </div>
          <div>
            <dt>{t('detail.thresholds')}</dt>
            <dd>{limitText || '—'}</dd>
          </div>
        </dl>
        <div className="sensor-detail__trend">
          <h3 className="sensor-detail__subtitle">{t('detail.trend')}</h3>
          <TrendChart limits={limits} />
        </div>
        <DeviceAlarmHistory deviceId={device.id} unit={unit} />
      </div>
    </section>
  )
}
