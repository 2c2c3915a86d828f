/**
 * Plays a drill scenario into a scene host on its clock: weather, leaks, device faults and the
 * scripted participants' actions, each at its offset from the drill start. Everything goes
 * through the host's normal paths (log, fold, alarms), marked as drill.
 */
import type { Clock } from '@sim/core/clock'
import type { DrillScenario } from '@sim/drills/scenarioSchema'
import { SEVERITY_RANK, type Severity } from '@sim/alarms'
import type { WeatherObserved } from '@sim/twin/leakEvents'
import type { SceneHost } from '../scene/sceneHost'

const STABILITY_INDEX: Record<string, number> = { A: 0, B: 1, C: 2, D: 3, E: 4, F: 5 }

export interface DrillScriptHandle {
  /** Problems met while playing (e.g. an action with nothing to act on); part of the report. */
  notes: { t: number; note: string }[]
  /** Resolves when every scripted action started so far has finished. */
  settled(): Promise<void>
  cancel(): void
}

export function playScenario(host: SceneHost, clock: Clock, s: DrillScenario, t0: number): DrillScriptHandle {
  const notes: { t: number; note: string }[] = []
  const timers: { id: number }[] = []
  const pending = new Set<Promise<void>>()
  const at = (offset_s: number, fn: () => void | Promise<void>) => {
    timers.push(
      clock.setTimeout(
        () => {
          const p = Promise.resolve(fn()).finally(() => pending.delete(p))
          pending.add(p)
        },
        Math.max(0, t0 + offset_s * 1000 - clock.now()),
      ),
    )
  }
  const rt = host.runtime
  const idx = host.loaded.resolved.deviceIndex
  if (s.weather.length) host.plume.weatherScripted = true

  for (const w of s.weather)
    at(w.at_s, () => {
      const body: WeatherObserved = {
        type: 'weather.observed',
        at: clock.now(),
        wind_speed_m_s: w.wind_speed_m_s,
        wind_from_deg: w.wind_from_deg,
        air_temp_c: w.air_temp_c,
        stability: w.stability ? STABILITY_INDEX[w.stability] : 3,
        source: 'drill',
      }
      void host.appendItems([{ body, source: 'drill', operator: null }])
      // The met station's own readings follow the script, so screens and alarms agree with it.
      const m = host.loaded.scene.metStation
      for (const [dev, v] of [
        [m.windSpeedDevice, w.wind_speed_m_s],
        [m.windDirectionDevice, w.wind_from_deg],
        [m.airTemperatureDevice, w.air_temp_c],
      ] as const)
        rt.setNominal(idx.get(dev)!, v)
    })

  const leakIds = new Map<number, string>()
  s.leaks.forEach((l, k) => {
    at(l.at_s, async () => {
      const r = await host.startLeak(
        { sourceId: l.sourceId, e: l.e, n: l.n, substance: l.substance, rate_kg_s: l.rate_kg_s, height_m: l.height_m },
        { source: 'drill', operator: null, cause: 'drill' },
      )
      if ('error' in r) notes.push({ t: clock.now(), note: `leaks[${k}]: ${r.error}` })
      else leakIds.set(k, r.leakId as string)
    })
    if (l.stop_at_s !== undefined)
      at(l.stop_at_s, async () => {
        const id = leakIds.get(k)
        if (id) await host.stopLeak(id, 'scripted end of release', { source: 'drill', operator: null })
      })
  })

  // A fault is a device taken over by the script for its duration, then handed back.
  // offline: silent; stuck: frozen at its last value; spike: the reading jumps to `value` and
  // keeps its normal noise (a real excursion, not a frozen instrument).
  for (const f of s.faults) {
    const i = idx.get(f.device)!
    let nominal = NaN
    at(f.at_s, () => {
      if (f.kind === 'offline') rt.silenced[i] = 1
      else if (f.kind === 'stuck') rt.override[i] = rt.values[i]
      else nominal = rt.setNominal(i, f.value ?? rt.loaded.scene.devices[i].range.max)
    })
    at(f.at_s + f.duration_s, () => {
      rt.silenced[i] = 0
      rt.override[i] = NaN
      if (nominal === nominal) rt.setNominal(i, nominal)
    })
  }

  for (const a of s.actions)
    at(a.at_s, async () => {
      if (a.action === 'acknowledge_alarms') {
        const min = SEVERITY_RANK[(a.severity ?? 'blue') as Severity]
        const open = host.alarms
          .snapshot({ signals: false })
          .active.filter((x) => (x.state === 'unack' || x.state === 'rtn_unack') && SEVERITY_RANK[x.severity] >= min)
        if (!open.length) notes.push({ t: clock.now(), note: `${a.by}: no unacknowledged alarm to acknowledge` })
        for (const x of open) {
          const body = host.alarms.acknowledge(x.id, a.by, clock.now())
          if (!('error' in body)) await host.appendCommand(body)
        }
      } else if (a.action === 'stop_leak') {
        const id = a.leak ?? Object.values(host.plume.twin.leaks).find((l) => l.stoppedAt === null)?.leakId
        if (!id) notes.push({ t: clock.now(), note: `${a.by}: no active leak to stop` })
        else await host.stopLeak(id, 'stopped by drill participant', { source: a.by, operator: a.by })
      } else {
        const handler = host.drillActions[a.action]
        if (!handler) notes.push({ t: clock.now(), note: `${a.action}: no module handles this action yet` })
        else {
          const r = await handler(a, clock.now())
          if (r) notes.push({ t: clock.now(), note: r })
        }
      }
    })

  return {
    notes,
    settled: async () => {
      while (pending.size) await Promise.all([...pending])
    },
    cancel: () => timers.forEach((h) => clock.clear(h)),
  }
}
