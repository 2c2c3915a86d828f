import { describe, it, expect } from 'vitest'
import { parsePlans, responseIndex, TIERS, INCIDENT_TYPES } from '@sim/response'
import { demo } from './fixtures'

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x))
type Raw = { plans: { tiers: Record<string, Record<string, unknown>[]> }[]; [k: string]: unknown }

describe('demo park response plans', () => {
  it('validate against the demo park: every role, tier, station and piece of equipment exists', () => {
    const { scene, rawPlans } = demo()
    const r = parsePlans(rawPlans, scene)
    expect(r.ok ? [] : r.errors).toEqual([])
  })

  it('cover the handbook: levels map to grades Ⅰ–Ⅲ and colours, every trigger has its plan, level 1 goes to government', () => {
    const { plans } = demo()
    expect(plans.levels['1']).toMatchObject({ grade: 'I', colour: 'red' })
    expect(plans.levels['2']).toMatchObject({ grade: 'II', colour: 'orange' })
    expect(plans.levels['3']).toMatchObject({ grade: 'III', colour: 'yellow' })
    const l2 = plans.plans.find((p) => p.id === 'toxic-L2')!
    const start = l2.tiers.enterprise.find((s) => s.id === 'E-start-plan')
    expect(start).toMatchObject({ kind: 'task', completeWithinMs: 30 * 60_000, onMissed: 'escalate' })
    const l3 = plans.plans.find((p) => p.id === 'anomaly-L3')!
    expect(l3.tiers.enterprise.find((s) => s.id === 'E-rectify')).toMatchObject({ completeWithinMs: 2 * 3_600_000 })
    // Automatic steps start at once: the pilot's 3 and 5 minutes become seconds.
    for (const p of plans.plans)
      for (const t of TIERS)
        for (const s of p.tiers[t]) if (s.kind !== 'task') expect(s.afterMs).toBeLessThanOrEqual(10_000)
    for (const p of plans.plans)
      for (const t of TIERS) for (const s of p.tiers[t]) expect(s.title.zh && s.title.en).toBeTruthy()
    expect(new Set(plans.plans.map((p) => p.incidentType))).toEqual(new Set(INCIDENT_TYPES))
  })

  it('every gas detector with an enterprise maps to a tank or unit of the same enterprise that holds its gas', () => {
    const { scene } = demo()
    const idx = responseIndex(scene)
    for (const d of scene.devices) {
      if (!d.enterpriseId || (d.type !== 'gas_toxic' && d.type !== 'gas_combustible')) continue
      const src = idx.sourceOfDevice.get(d.id)
      expect(src, d.id).toBeTruthy()
      expect(src!.enterpriseId).toBe(d.enterpriseId)
    }
    expect(idx.sourceOfDevice.get('CA-GT001')?.id).toBe('CA-T101')
    expect(idx.sourceOfDevice.get('CA-PT-U02')?.id).toBe('CA-U02')
  })

  it('broken plans are refused with paths', () => {
    const { scene, rawPlans } = demo()
    const cases: [string, (p: Raw) => void, RegExp][] = [
      [
        'unknown role',
        (p) => void (p.plans[0].tiers.enterprise.find((s) => s.kind === 'task')!.role = 'ent.nobody'),
        /plans\[0\]\.tiers\.enterprise\[\d+\]\.role: unknown role "ent.nobody"/,
      ],
      [
        'role of another tier',
        (p) => void (p.plans[0].tiers.enterprise.find((s) => s.kind === 'task')!.role = 'park.commander'),
        /belongs to the park tier/,
      ],
      [
        'duplicate step',
        (p) => p.plans[0].tiers.park.push(clone(p.plans[0].tiers.enterprise[0])),
        /duplicate step id "E-close-valves"/,
      ],
      [
        'unknown equipment',
        (p) =>
          p.plans[0].tiers.enterprise.push({
            id: 'X',
            kind: 'action',
            title: { zh: 'x', en: 'x' },
            action: 'shutdown_unit',
            target: { ids: ['NOPE-1'] },
          }),
        /no equipment "NOPE-1"/,
      ],
      [
        'unknown station',
        (p) =>
          p.plans[0].tiers.park.push({
            id: 'Y',
            kind: 'notify',
            title: { zh: 'x', en: 'x' },
            to: [{ kind: 'fire_brigade', stationId: 'NO-FS' }],
            channels: ['sms'],
            message: { zh: 'x', en: 'x' },
          }),
        /no fire station "NO-FS"/,
      ],
      [
        'no level-1 rule',
        (p) =>
          void (p.escalation = (p.escalation as { when: { kind: string } }[]).filter((e) => e.when.kind !== 'level')),
        /level 1 to reach the government tier/,
      ],
      ['wrong scene', (p) => void (p.sceneId = 'demo-mine'), /sceneId: plans are for "demo-mine"/],
      [
        'bad channel',
        (p) => void ((p.plans[0].tiers.enterprise[2] as { channels: string[] }).channels = ['pigeon']),
        /plans\[0\]\.tiers\.enterprise\[2\]/,
      ],
      ['newer version', (p) => void (p.version = 9), /newer than this build/],
    ]
    for (const [what, mutate, msg] of cases) {
      const p = clone(rawPlans) as Raw
      mutate(p)
      const r = parsePlans(p, scene)
      expect(r.ok, what).toBe(false)
      if (!r.ok) expect(r.errors.join('\n'), what).toMatch(msg)
    }
  })
})
