/** OpenAPI 3.1 description of the HTTP API, served at /api/v1/openapi.json. Keep in step with the routers. */
export const openApiDocument = {
  openapi: '3.1.0',
  info: { title: 'SafeTwin command center API', version: '1.0.0' },
  servers: [{ url: '/api' }],
  paths: {
    '/health': {
      get: {
        summary: 'Liveness and version',
        responses: { '200': { description: 'ok, protocolVersion, serverTime (ms epoch), uptime_s, scenes' } },
      },
    },
    '/v1/scenes': {
      get: {
        summary: 'List scenes',
        responses: { '200': { description: 'Array of {id, kind, name{zh,en}, devices}' } },
      },
    },
    '/v1/scenes/{id}': {
      get: {
        summary: 'One scene, as validated (see docs/scene-format.md)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: 'The scene' }, '404': { description: '{error}' } },
      },
    },
    '/v1/scenes/{id}/people': {
      get: {
        summary: 'People of a scene (UWB): frame order, counts per zone, gatherings, man-down, triage, mine risk map',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description:
              '{sceneId, t, people[{id,name,role,tagId,enterpriseId,team,workZoneId}], anchors{count,generated}, epochHz, frameHz, counts{zoneId:n}, gatherings[], down[personId], triage[{rank,personId,category,dose_mg_min_m3,peak_mgM3,…}] most exposed first, riskMap|null}',
          },
          '404': { description: '{error}: unknown scene, or a scene without people' },
        },
      },
    },
    '/v1/scenes/{id}/status': {
      get: {
        summary: 'Live telemetry status of a scene',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': { description: '{sceneId, seq, lastFrameT, devices}' }, '404': { description: '{error}' } },
      },
    },
    '/v1/scenes/{id}/resources': {
      get: {
        summary:
          'Emergency resource registry with live status, position (e/n local m, lngLat), heading and ETA (docs/dispatch.md)',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: '{sceneId, resources[]}' },
          '404': { description: '{error}: unknown scene or no resources.json' },
        },
      },
    },
    '/v1/scenes/{id}/dispatch': {
      get: {
        summary:
          'Dispatch view: open recommendations (with explanations), active routes (polyline, ETA, exposure, re-routes), hazard summary, evacuation and muster counts',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': { description: '{sceneId, routes[], recommendations[], history[], hazard, evacuation}' },
          '404': { description: '{error}' },
        },
      },
    },
  },
} as const
