import { Html } from '@react-three/drei'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { LoadedTwinScene } from '../state/loadedScene'
import { ringBounds } from '../state/loadedScene'
import { enterpriseHue } from './palette'

export interface EnterpriseLabelsProps {
  loaded: LoadedTwinScene
}

/**
 * Enterprise names over their plant areas, as DOM text (crisp CJK glyphs from the bundled font,
 * large enough for the back of the room). Placed at the fence's bounding-box centre.
 */
export function EnterpriseLabels({ loaded }: EnterpriseLabelsProps) {
  const { i18n } = useTranslation()
  const en = i18n.language === 'en'
  const anchors = useMemo(
    () =>
      loaded.scene.enterprises.map((e, i) => {
        const b = ringBounds(loaded.resolved.fencesLocal.get(e.id)!)
        return { id: e.id, name: e.name, hue: enterpriseHue(i), position: [b.centerE, 25, -b.centerN] as const }
      }),
    [loaded],
  )
  return (
    <group>
      {anchors.map((a) => (
        <Html key={a.id} position={a.position} center zIndexRange={[10, 0]} className="enterprise-label-anchor">
          <div className="enterprise-label" style={{ borderColor: a.hue }}>
            {en ? a.name.en : a.name.zh}
          </div>
        </Html>
      ))}
    </group>
  )
}
