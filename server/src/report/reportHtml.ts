/**
 * The incident report as a printable HTML page for regulators: header with the chain check, key
 * intervals against the handbook's deadlines, a map (park boundary, plant fences, sensitive
 * targets, the largest threat zones recorded) and the full timeline. Self-contained: inline CSS
 * and SVG, no fonts or scripts from anywhere; print it to PDF from the browser.
 */
import type { Scene } from '@sim/scene/sceneSchema'
import { ringToLocal, toLocal } from '@sim/geo/frames'
import type { DrillReport } from '../drill/drillReport'

const esc = (s: unknown) =>
  String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  )

export function reportHtml(
  r: DrillReport,
  scene: Scene,
  zoneRings: { label: string; ring: number[] }[],
  lang: 'zh' | 'en' = 'zh',
): string {
  const L = lang === 'zh'
  const title = r.scenario ? r.scenario.name[lang] : L ? '事件报告' : 'Incident report'
  const fmt = (s: number | null) => (s === null ? '—' : `${s} s`)
  const intervals = Object.entries(r.intervals)
    .map(([k, v]) => `<tr><th>${esc(k.replace(/_s$/, '').replace(/_/g, ' '))}</th><td>${esc(fmt(v))}</td></tr>`)
    .join('')
  const rows = r.timeline
    .map(
      (e) =>
        `<tr><td class="n">${e.t_s.toFixed(1)}</td><td>${esc(e.type)}</td><td>${esc(e.tier ?? '')}</td><td>${esc(e.actor)}</td><td>${esc(e.detail)}</td></tr>`,
    )
    .join('')
  const compliance = r.compliance
    .map(
      (c) =>
        `<tr class="${c.met === false ? 'bad' : ''}"><td>${esc(c.deadline)}</td><td>${esc(fmt(c.due_s))}</td><td>${esc(fmt(c.done_s))}</td><td>${c.met === null ? '…' : c.met ? '✔' : '✘'}</td></tr>`,
    )
    .join('')
  return `<!doctype html>
<html lang="${L ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>
body{font-family:"Noto Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:24px;color:#111;font-size:13px}
h1{font-size:22px;margin:0 0 4px} h2{font-size:16px;margin:18px 0 6px;border-bottom:2px solid #333}
table{border-collapse:collapse;width:100%} th,td{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap} .ok{color:#0a0} .bad{color:#c00;font-weight:bold}
.meta{color:#444} .grid{display:grid;grid-template-columns:1fr 1fr;gap:16px} svg{border:1px solid #999;background:#f7f7f2}
@media print{body{margin:8mm} h2{break-after:avoid} tr{break-inside:avoid}}
</style></head><body>
<h1>${esc(title)}${r.drill ? (L ? '（演练）' : ' (DRILL)') : ''}</h1>
<div class="meta">${esc(scene.name[lang])} · ${esc(r.window.from)} → ${esc(r.window.to)} · ${L ? '事件数' : 'events'} ${r.log.events} ·
${L ? '日志链校验' : 'log chain'}: <span class="${r.log.chainVerified ? 'ok' : 'bad'}">${r.log.chainVerified ? (L ? '完整 ✔' : 'intact ✔') : L ? '被篡改 ✘' : 'BROKEN ✘'}</span>
· SM3 ${esc(r.log.headHash.slice(0, 16))}…</div>
<div class="grid"><div>
<h2>${L ? '关键时间' : 'Key intervals'}</h2><table>${intervals}</table>
<h2>${L ? '时限合规' : 'Deadlines'}</h2><table><tr><th>${L ? '事项' : 'deadline'}</th><th>${L ? '时限' : 'due'}</th><th>${L ? '完成' : 'done'}</th><th></th></tr>${compliance || `<tr><td colspan="4">—</td></tr>`}</table>
<h2>${L ? '报警' : 'Alarms'}</h2><p>${r.alarms.raised} (${Object.entries(r.alarms.bySeverity)
    .map(([k, v]) => `${k} ${v}`)
    .join(
      ', ',
    )}), ${L ? '已确认' : 'acknowledged'} ${r.alarms.acknowledged}, ${L ? '确认中位时间' : 'median time to acknowledge'} ${fmt(r.alarms.medianAck_s)}</p>
<h2>${L ? '泄漏' : 'Leaks'}</h2><table>${r.leaks.map((l) => `<tr><td>${esc(l.substance)}</td><td>${esc(l.sourceId ?? '')}</td><td>${fmt(l.started_s)} → ${fmt(l.stopped_s)}</td><td>${l.released_kg} kg</td></tr>`).join('') || '<tr><td>—</td></tr>'}</table>
</div><div><h2>${L ? '地图' : 'Map'}</h2>${mapSvg(scene, zoneRings)}</div></div>
<h2>${L ? '时间线' : 'Timeline'}</h2>
<table><tr><th>t (s)</th><th>${L ? '类型' : 'type'}</th><th>${L ? '层级' : 'tier'}</th><th>${L ? '执行者' : 'actor'}</th><th>${L ? '内容' : 'detail'}</th></tr>${rows}</table>
</body></html>`
}

function mapSvg(scene: Scene, zones: { label: string; ring: number[] }[]): string {
  const o = scene.origin
  const b = ringToLocal(o, scene.boundary)
  const pts: number[] = [...b]
  for (const z of zones) pts.push(...z.ring)
  const targets = scene.sensitiveTargets.map((t) => ({ t, p: toLocal(o, t.position) }))
  for (const { p } of targets) pts.push(p.e, p.n)
  let minE = Infinity,
    maxE = -Infinity,
    minN = Infinity,
    maxN = -Infinity
  for (let i = 0; i < pts.length; i += 2) {
    minE = Math.min(minE, pts[i])
    maxE = Math.max(maxE, pts[i])
    minN = Math.min(minN, pts[i + 1])
    maxN = Math.max(maxN, pts[i + 1])
  }
  const pad = 200
  const w = maxE - minE + 2 * pad
  const h = maxN - minN + 2 * pad
  const path = (r: ArrayLike<number>) => {
    let d = ''
    for (let i = 0; i < r.length; i += 2)
      d += `${i ? 'L' : 'M'}${(r[i] - minE + pad).toFixed(0)},${(maxN - r[i + 1] + pad).toFixed(0)}`
    return d + 'Z'
  }
  const colours = ['#f6c343', '#f08c2b', '#d7263d']
  const fences = scene.enterprises
    .map((e) => `<path d="${path(ringToLocal(o, e.fence))}" fill="none" stroke="#557" stroke-width="${w / 400}"/>`)
    .join('')
  const zs = zones
    .map(
      (z, i) =>
        `<path d="${path(z.ring)}" fill="${colours[i % 3]}" fill-opacity="0.35" stroke="${colours[i % 3]}" stroke-width="${w / 300}"/>`,
    )
    .join('')
  const ts = targets
    .map(
      ({ t, p }) =>
        `<circle cx="${(p.e - minE + pad).toFixed(0)}" cy="${(maxN - p.n + pad).toFixed(0)}" r="${w / 80}" fill="#06c"/><text x="${(p.e - minE + pad + w / 60).toFixed(0)}" y="${(maxN - p.n + pad).toFixed(0)}" font-size="${w / 30}">${esc(t.name.zh)}</text>`,
    )
    .join('')
  return `<svg viewBox="0 0 ${w.toFixed(0)} ${h.toFixed(0)}" width="100%"><path d="${path(b)}" fill="#fff" stroke="#000" stroke-width="${w / 250}"/>${fences}${zs}${ts}</svg>`
}
