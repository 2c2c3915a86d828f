import { useTranslation } from 'react-i18next'
import { TIERS, tierRank, type Tier } from '@sim/response'

export interface TierChainProps {
  tier: Tier
}

/** Enterprise → park → government, the active ones lit. */
export function TierChain({ tier }: TierChainProps) {
  const { t } = useTranslation()
  return (
    <ol className="tier-chain" data-testid="tier-chain" aria-label={t('incident.tiers')}>
      {TIERS.map((x, i) => (
        <li
          key={x}
          className={`tier-chain__tier${tierRank(x) <= tierRank(tier) ? ' tier-chain__tier--on' : ''}`}
          data-tier={x}
        >
          {i > 0 && <span className="tier-chain__arrow">→</span>}
          {t(`incident.tier.${x}`)}
        </li>
      ))}
    </ol>
  )
}
