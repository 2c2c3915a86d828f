import { useTranslation } from 'react-i18next'
import type { ReplayInfo } from '../state/replaySlice'

export interface ChainStatusProps {
  chain: ReplayInfo['chain']
}

/** The SM3 chain check of the record: ✔ intact, or ✘ the first broken link. */
export function ChainStatus({ chain }: ChainStatusProps) {
  const { t } = useTranslation()
  const ok = chain.ok
  return (
    <div
      className={`chain-status chain-status--${ok ? 'ok' : 'broken'}`}
      data-testid="chain-status"
      data-ok={ok ? 'true' : 'false'}
      title={chain.firstBroken?.reason}
    >
      {ok
        ? t('replay.chainOk', { count: chain.checked })
        : t('replay.chainBroken', { seq: chain.firstBroken?.seq ?? '?' })}
    </div>
  )
}
