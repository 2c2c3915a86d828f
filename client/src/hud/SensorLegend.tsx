import { useTranslation } from 'react-i18next'
import { SENSOR_LEVEL_COLORS, SENSOR_LEVEL_NAMES } from '../twin3d/sensorLevels'

/** Colour key for the sensor dots, always on screen: a wall has no hover tooltips. */
export function SensorLegend() {
  const { t } = useTranslation()
  return (
    <ul className="sensor-legend" data-testid="sensor-legend">
      {SENSOR_LEVEL_NAMES.map((name) => (
        <li key={name}>
          <span className="sensor-legend__swatch" style={{ background: SENSOR_LEVEL_COLORS[name] }} />
          {t(`legend.${name}`)}
        </li>
      ))}
    </ul>
  )
}
