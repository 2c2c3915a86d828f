/**
 * Outbound notifications: every `notification.sent` on a webhook, SMS or phone channel is POSTed
 * to the recipient tier's webhook (the integration point for real SMS gateways, phone systems
 * and government command systems). The outbox is the log itself: pending = sent or failed-with-
 * a-retry-time and not yet delivered, so nothing is lost while an endpoint is down or across a
 * restart. Retries back off exponentially (5 s · 2^n, up to 8 attempts); the final failure stays
 * visible to operators. Drill notifications reach real endpoints only when configured for drills.
 */
import type { Clock } from '@sim/core/clock'
import type { NotificationRecord, IncidentRecord } from '@sim/response'
import type { HostModule } from '../scene/hostModule'
import type { AppendItem, SceneHost } from '../scene/sceneHost'
import type { StoredEvent } from '../store/eventStore'

export interface WebhookConfig {
  /** Per tier: the endpoint URL. */
  urls: Partial<Record<'enterprise' | 'park' | 'government', string>>
  /** Send drill notifications to the real endpoints too (default: no — they are sunk and marked delivered). */
  drills?: boolean
  /** Request timeout, ms. */
  timeoutMs?: number
  maxAttempts?: number
}

const EXTERNAL = new Set(['webhook', 'sms', 'phone'])
const BY = 'outbox'

export function webhookOutboxModule(cfg: WebhookConfig, clock: Clock) {
  return (host: SceneHost): HostModule | null => {
    if (!host.response.enabled) return null
    const inFlight = new Set<string>()
    const maxAttempts = cfg.maxAttempts ?? 8
    const append = (items: AppendItem[]) => void host.appendItems(items)

    const deliver = async (inc: IncidentRecord, n: NotificationRecord): Promise<void> => {
      const attempt = n.attempts + 1
      const tier = n.to.tier
      const url = cfg.urls[tier]
      const at = () => clock.now()
      if (host.drill && !cfg.drills) {
        append([
          {
            body: {
              type: 'notification.delivered',
              notificationId: n.id,
              at: at(),
              by: 'drill-sink',
              attempt,
            } as AppendItem['body'],
            source: 'drill-sink',
            operator: null,
          },
        ])
        return
      }
      if (!url) {
        append([
          {
            body: {
              type: 'notification.failed',
              notificationId: n.id,
              at: at(),
              by: BY,
              attempt,
              error: `no ${tier} webhook configured`,
              retryAt: null,
            } as AppendItem['body'],
            source: BY,
            operator: null,
          },
        ])
        return
      }
      try {
        const ctrl = new AbortController()
        const timer = setTimeout(() => ctrl.abort(), cfg.timeoutMs ?? 5000)
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-safetwin-notification': n.id },
          body: JSON.stringify({
            notificationId: n.id,
            attempt,
            sceneId: host.sceneId,
            drill: host.drill,
            incident: {
              id: inc.id,
              type: inc.incidentType,
              level: inc.level,
              grade: inc.grade,
              colour: inc.colour,
              enterpriseId: inc.enterpriseId,
              title: inc.title,
            },
            to: n.to,
            channel: n.channel,
            purpose: n.purpose,
            message: n.message,
            sentAt: n.at,
          }),
          signal: ctrl.signal,
        }).finally(() => clearTimeout(timer))
        if (!res.ok) throw new Error(`HTTP ${res.status}`)
        append([
          {
            body: {
              type: 'notification.delivered',
              notificationId: n.id,
              at: at(),
              by: BY,
              attempt,
            } as AppendItem['body'],
            source: BY,
            operator: null,
          },
        ])
      } catch (e) {
        const retryAt = attempt >= maxAttempts ? null : at() + 5000 * 2 ** (attempt - 1)
        const error = (e as Error).name === 'AbortError' ? 'timeout' : (e as Error).message.slice(0, 200)
        append([
          {
            body: {
              type: 'notification.failed',
              notificationId: n.id,
              at: at(),
              by: BY,
              attempt,
              error,
              retryAt,
            } as AppendItem['body'],
            source: BY,
            operator: null,
          },
        ])
      }
    }

    return {
      name: 'outbox',
      fold(_e: StoredEvent) {},
      onFrame(t: number) {
        // Once a second is plenty for notifications; the log order stays the source of truth.
        if (Math.floor(t / 100) % 10 !== 0) return
        for (const inc of Object.values(host.response.state.incidents))
          for (const n of Object.values(inc.notifications)) {
            if (!EXTERNAL.has(n.channel) || inFlight.has(n.id)) continue
            const due = n.status === 'sent' || (n.status === 'retrying' && n.retryAt !== null && n.retryAt <= t)
            if (!due) continue
            inFlight.add(n.id)
            void deliver(inc, n).finally(() => {
              // Keep it in flight until the result is folded, so a slow fold cannot resend.
              void host.idle().then(() => inFlight.delete(n.id))
            })
          }
      },
      snapshot() {
        const failed: {
          incidentId: string
          notificationId: string
          tier: string
          channel: string
          error: string | null
          attempts: number
          retryAt: number | null
        }[] = []
        for (const inc of Object.values(host.response.state.incidents))
          for (const n of Object.values(inc.notifications))
            if (n.status === 'failed' || n.status === 'retrying')
              failed.push({
                incidentId: inc.id,
                notificationId: n.id,
                tier: n.to.tier,
                channel: n.channel,
                error: n.lastError,
                attempts: n.attempts,
                retryAt: n.retryAt,
              })
        return { failed }
      },
    }
  }
}
