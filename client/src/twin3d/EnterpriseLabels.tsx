import { Html } from '@react-three/drei'
import { useMemo, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import type { LoadedTwinScene } from '../state/loadedScene'
import { ringBounds } from '../state/loadedScene'
import { enterpriseHue } from './palette'

export interface EnterpriseLabelsProps {
  loaded: LoadedTwinScene
  /**
   * DOM element the labels are appended to. drei's Html otherwise picks its parent from the
   * event system, which connects after the first label mounted; that label's React root was then
   * recreated and never rendered (only the later ones showed). A fixed portal avoids the race.
   */
  portal: RefObject<HTMLElement | null>
}

/**
 * Enterprise names over their plant areas, as DOM text (crisp CJK glyphs from the bundled font,
 * large enough for the back of the room). Placed at the middle of the fence's north side.
 */
export function EnterpriseLabels({ loaded, portal }: EnterpriseLabelsProps) {
  const { i18n } = useTranslation()
  const en = i18n.language === 'en'
  const anchors = useMemo(
    () =>
      loaded.scene.enterprises.map((e, i) => {
        const b = ringBounds(loaded.resolved.fencesLocal.get(e.id)!)
        // On the north edge of the plant area, so the name never hides the equipment inside.
        return { id: e.id, name: e.name, hue: enterpriseHue(i), position: [b.centerE, 12, -b.maxN] as const }
      }),
    [loaded],
  )
  return (
    <group>
      {anchors.map((a) => (
        <Html key={a.id} position={a.position} center zIndexRange={[10, 0]} portal={portal as RefObject<HTMLElement>}>
          <div className="enterprise-label" style={{ borderColor: a.hue }}>
            {en ? a.name.en : a.name.zh}
          </div>
        </Html>
      ))}
    </group>
  )
}
