/**
 * What the plume layer last drew, for the test hooks (`window.__safetwin.plume()`): plain fields
 * written by the 3D components in useFrame, never React state.
 */
export const plumeProbe = {
  heatmapVersion: -1,
  heatmapVisible: false,
  /** Grid cells with a visible colour in the last texture update. */
  litCells: 0,
  zonesVersion: -1,
  /** Ribbon vertices drawn per level index (AEGL-1, -2, -3). */
  zoneVertices: [0, 0, 0],
  windVisible: false,
}
