import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { StepView } from '../response/incidentView'
import { twinStore } from '../state/twinStore'
import { formatClockTime } from './formatClockTime'

export interface StepBoxProps {
  incidentId: string
  step: StepView
  timeZone: string
}

/**
 * One step of the plan flowchart: kind and state on top, the title, then either the deadline
 * counting down (painted by useClockPainter through `data-due`), the time it was done, or the
 * task buttons for the viewer's role (disabled with the reason otherwise).
 */
export function StepBox({ incidentId, step, timeZone }: StepBoxProps) {
  const { t, i18n } = useTranslation()
  const [busy, setBusy] = useState(false)
  const run = async (which: 'acknowledge' | 'complete') => {
    const { incidentCommands, setIncidentError } = twinStore.getState()
    if (!incidentCommands) return setIncidentError('not connected')
    setBusy(true)
    const r = await incidentCommands[which](incidentId, step.id)
    setBusy(false)
    if (!r.ok) setIncidentError(r.error)
  }
  const reason = step.reason ? t(`incident.reason.${step.reason}`, { role: step.roleName ?? step.role ?? '' }) : null
  const showButtons =
    step.kind === 'task' && step.look !== 'done' && step.look !== 'stood_down' && step.look !== 'waiting'
  const counting = step.deadline !== null && step.look !== 'done'
  return (
    <li
      className={`step step--${step.look} step--${step.kind}`}
      data-step={step.id}
      data-testid={`step-${step.id}`}
      data-look={step.look}
    >
      <div className="step__top">
        {counting ? (
          <>
            <span className="step__due-label">{t(`incident.due.${step.deadline!.which}`)}</span>
            <span className="step__countdown" data-due={step.deadline!.dueAt} data-testid={`due-${step.id}`}>
              --:--
            </span>
          </>
        ) : (
          <>
            <span className="step__kind">{t(`incident.kind.${step.kind}`)}</span>
            <span className="step__state">{t(`incident.look.${step.look}`)}</span>
          </>
        )}
      </div>
      <div className="step__title" title={step.title}>
        {step.title}
      </div>
      <div className="step__bottom">
        {showButtons ? (
          <span className="step__state step__state--small" title={reason ?? undefined}>
            {reason ?? t(`incident.look.${step.look}`)}
          </span>
        ) : step.doneAt !== null ? (
          <span className="step__done-at">✓ {formatClockTime(step.doneAt, timeZone, i18n.language)}</span>
        ) : (
          <span className="step__role">{step.roleName}</span>
        )}
        {showButtons && (
          <span className="step__actions" title={reason ?? undefined}>
            {step.look !== 'acknowledged' && (step.canAck || !step.canComplete) && (
              <button
                type="button"
                className="btn btn--step"
                disabled={busy || !step.canAck}
                onClick={() => run('acknowledge')}
                data-testid={`ack-${step.id}`}
              >
                {t('incident.ack')}
              </button>
            )}
            {(step.canComplete || step.look === 'acknowledged') && (
              <button
                type="button"
                className="btn btn--step"
                disabled={busy || !step.canComplete}
                onClick={() => run('complete')}
                data-testid={`complete-${step.id}`}
              >
                {t('incident.complete')}
              </button>
            )}
          </span>
        )}
      </div>
    </li>
  )
}
