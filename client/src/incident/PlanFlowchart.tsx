import { useTranslation } from 'react-i18next'
import type { LaneView } from '../response/incidentView'
import { formatClockTime } from './formatClockTime'
import { StepBox } from './StepBox'

export interface PlanFlowchartProps {
  incidentId: string
  lanes: LaneView[]
  timeZone: string
}

/**
 * The response plan as a flowchart with one swim-lane per tier (enterprise → park → government,
 * top to bottom); each lane's steps run left to right in plan order. A lane whose tier is not
 * active yet is dimmed and its steps show as not started.
 */
export function PlanFlowchart({ incidentId, lanes, timeZone }: PlanFlowchartProps) {
  const { t, i18n } = useTranslation()
  return (
    <div className="flowchart" data-testid="flowchart">
      {lanes.map((lane) => (
        <section
          key={lane.tier}
          className={`lane lane--${lane.tier}${lane.active ? ' lane--active' : ''}`}
          data-testid={`lane-${lane.tier}`}
        >
          <header className="lane__head">
            <span className="lane__name">{t(`incident.tier.${lane.tier}`)}</span>
            <span className="lane__state">
              {lane.active ? t('incident.tierActive') : t('incident.tierWaiting')}
              {lane.activatedAt !== null && ` ${formatClockTime(lane.activatedAt, timeZone, i18n.language)}`}
            </span>
          </header>
          <ol className="lane__steps">
            {lane.steps.map((s) => (
              <StepBox key={s.id} incidentId={incidentId} step={s} timeZone={timeZone} />
            ))}
          </ol>
        </section>
      ))}
    </div>
  )
}
