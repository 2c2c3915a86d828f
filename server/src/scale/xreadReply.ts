/**
 * XREAD answers an array of [key, entries] under RESP2 and a map under RESP3 (node-redis hands
 * maps over as plain objects or Maps depending on its type mapping). Normalise to pairs.
 */
export function xreadPairs<K, E>(reply: unknown): [K, E][] {
  if (!reply) return []
  if (Array.isArray(reply)) return reply as [K, E][]
  if (reply instanceof Map) return [...reply.entries()] as [K, E][]
  return Object.entries(reply as Record<string, E>) as unknown as [K, E][]
}
