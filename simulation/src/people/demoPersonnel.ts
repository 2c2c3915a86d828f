/**
 * Deterministic demo personnel: plausible Chinese names (with pinyin) and roles, from a seed.
 * The demo mine's generator writes its miners into the scene file; for a park scene without a
 * `personnel` list, `parkPersonnel(scene)` derives one from its enterprises, buildings and zones,
 * so the server can give the park twin people without editing the park's scene file.
 */
import { createRng, type Rng } from '../core/rng'
import type { Person, PersonRole } from '../scene/mineSchema'
import type { Scene } from '../scene/sceneSchema'
import type { I18n } from './types'

const SURNAMES: [string, string][] = [
  ['王', 'Wang'],
  ['李', 'Li'],
  ['张', 'Zhang'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['赵', 'Zhao'],
  ['黄', 'Huang'],
  ['周', 'Zhou'],
  ['吴', 'Wu'],
  ['徐', 'Xu'],
  ['孙', 'Sun'],
  ['胡', 'Hu'],
  ['朱', 'Zhu'],
  ['高', 'Gao'],
  ['林', 'Lin'],
  ['何', 'He'],
  ['郭', 'Guo'],
  ['马', 'Ma'],
  ['罗', 'Luo'],
  ['梁', 'Liang'],
  ['宋', 'Song'],
  ['郑', 'Zheng'],
  ['谢', 'Xie'],
  ['韩', 'Han'],
  ['唐', 'Tang'],
  ['冯', 'Feng'],
  ['于', 'Yu'],
  ['董', 'Dong'],
  ['程', 'Cheng'],
  ['曹', 'Cao'],
  ['袁', 'Yuan'],
  ['邓', 'Deng'],
  ['田', 'Tian'],
  ['任', 'Ren'],
  ['薛', 'Xue'],
  ['贾', 'Jia'],
  ['闫', 'Yan'],
  ['武', 'Wu'],
  ['白', 'Bai'],
  ['乔', 'Qiao'],
  ['霍', 'Huo'],
]
const GIVEN: [string, string][] = [
  ['建国', 'Jianguo'],
  ['志强', 'Zhiqiang'],
  ['海军', 'Haijun'],
  ['伟', 'Wei'],
  ['磊', 'Lei'],
  ['勇', 'Yong'],
  ['军', 'Jun'],
  ['杰', 'Jie'],
  ['涛', 'Tao'],
  ['明', 'Ming'],
  ['超', 'Chao'],
  ['鹏', 'Peng'],
  ['刚', 'Gang'],
  ['平', 'Ping'],
  ['辉', 'Hui'],
  ['强', 'Qiang'],
  ['文斌', 'Wenbin'],
  ['晓东', 'Xiaodong'],
  ['永刚', 'Yonggang'],
  ['红霞', 'Hongxia'],
  ['丽娟', 'Lijuan'],
  ['芳', 'Fang'],
  ['静', 'Jing'],
  ['敏', 'Min'],
  ['玉梅', 'Yumei'],
  ['国庆', 'Guoqing'],
  ['建华', 'Jianhua'],
  ['宏伟', 'Hongwei'],
  ['俊峰', 'Junfeng'],
  ['利民', 'Limin'],
  ['二虎', 'Erhu'],
  ['保平', 'Baoping'],
  ['润生', 'Runsheng'],
  ['福顺', 'Fushun'],
  ['海龙', 'Hailong'],
  ['晋生', 'Jinsheng'],
  ['卫东', 'Weidong'],
  ['亚楠', 'Yanan'],
  ['小兵', 'Xiaobing'],
  ['振华', 'Zhenhua'],
]

/** `count` distinct names, zh "王建国", en "Wang Jianguo". */
export function demoNames(rng: Rng, count: number): I18n[] {
  const used = new Set<string>()
  const out: I18n[] = []
  for (let guard = 0; out.length < count && guard < count * 50; guard++) {
    const s = SURNAMES[rng.int(SURNAMES.length)]
    const g = GIVEN[rng.int(GIVEN.length)]
    const zh = s[0] + g[0]
    if (used.has(zh)) continue
    used.add(zh)
    out.push({ zh, en: `${s[1]} ${g[1]}` })
  }
  return out
}

/** Park roles and their share of a plant's people on a day shift. */
const PARK_ROLES: [PersonRole, number][] = [
  ['process_operator', 0.45],
  ['maintenance', 0.15],
  ['team_leader', 0.08],
  ['safety_inspector', 0.08],
  ['lab_technician', 0.06],
  ['engineer', 0.08],
  ['contractor', 0.1],
]

export interface ParkPersonnelOptions {
  /** Total people (default 60). */
  count?: number
  seed?: number | string
  /** Park committee patrol staff without an enterprise (default 4). */
  patrol?: number
}

/**
 * Personnel for a park scene: `count` people spread over the enterprises by their buildings'
 * day-shift occupancy (every enterprise gets at least two), roles by the shares above, each with a
 * UWB tag and, where the enterprise has one, a production or hazardous work zone; plus a park
 * patrol. Deterministic for a scene id and seed. Ids `psn-<n>`, tags `UWB-<n>`.
 */
export function parkPersonnel(scene: Scene, opts: ParkPersonnelOptions = {}): Person[] {
  const rng = createRng(opts.seed ?? `personnel:${scene.id}`)
  const count = opts.count ?? 60
  const patrol = Math.min(count, opts.patrol ?? 4)
  const ents = scene.enterprises
  const weight = ents.map(
    (e) => 1 + scene.buildings.filter((b) => b.enterpriseId === e.id).reduce((s, b) => s + b.occupancy, 0),
  )
  const total = weight.reduce((a, b) => a + b, 0)
  const plantPeople = count - patrol
  // Largest-remainder apportionment with a floor of two per enterprise (when there are enough people).
  const floor = ents.length * 2 <= plantPeople ? 2 : 0
  const rest = plantPeople - floor * ents.length
  const quota = weight.map((w) => (rest * w) / (total || 1))
  const alloc = quota.map((q) => Math.floor(q) + floor)
  const order = quota.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1])
  let left = plantPeople - alloc.reduce((a, b) => a + b, 0)
  for (let k = 0; left > 0 && ents.length; k = (k + 1) % ents.length, left--) alloc[order[k][1]]++
  const names = demoNames(rng, count)
  const people: Person[] = []
  const pad = (n: number) => String(n).padStart(3, '0')
  ents.forEach((e, ei) => {
    const work = scene.zones.filter(
      (z) => z.enterpriseId === e.id && (z.kind === 'production' || z.kind === 'hazardous'),
    )
    for (let k = 0; k < alloc[ei]; k++) {
      const n = people.length + 1
      const role = k === 0 ? 'team_leader' : pickRole(rng)
      const p: Person = { id: `psn-${pad(n)}`, name: names[n - 1], role, tagId: `UWB-${pad(n)}`, enterpriseId: e.id }
      if (work.length) p.workZoneId = work[k % work.length].id
      people.push(p)
    }
  })
  while (people.length < count) {
    const n = people.length + 1
    people.push({ id: `psn-${pad(n)}`, name: names[n - 1], role: 'security', tagId: `UWB-${pad(n)}`, team: '园区巡查' })
  }
  return people
}

function pickRole(rng: Rng): PersonRole {
  let u = rng.next()
  for (const [role, share] of PARK_ROLES) {
    u -= share
    if (u < 0) return role
  }
  return 'process_operator'
}
