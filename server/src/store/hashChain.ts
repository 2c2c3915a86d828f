/**
 * Tamper evidence: every event carries the SM3 hash of (previous hash ‖ canonical event). Change,
 * drop or reorder one stored event and every hash after it stops matching; `verifyChain` names
 * the first broken link. SM3 (GB/T 32905) comes from Node's OpenSSL.
 */
import { createHash } from 'node:crypto'
import { canonicalJson } from './canonicalJson'
import type { StoredEvent } from './eventStore'

/** Hash of "nothing before": the chain of every scene starts from this. */
export const GENESIS_HASH = '0'.repeat(64)

export function sm3Hex(data: string | Uint8Array): string {
  return createHash('sm3').update(data).digest('hex')
}

/** The hash of an event given the previous one; `hash` and `prevHash` fields are not hashed. */
export function chainHash(
  prevHash: string,
  event: Omit<StoredEvent, 'hash' | 'prevHash'> & { hash?: string; prevHash?: string },
): string {
  const { hash: _h, prevHash: _p, ...body } = event
  return sm3Hex(`${prevHash}\n${canonicalJson(body)}`)
}

export interface ChainReport {
  ok: boolean
  checked: number
  lastSeq: number
  lastHash: string
  /** The first event whose link does not hold, and why. */
  firstBroken?: { seq: number; reason: string }
}

/** Verify a run of events in seq order, starting from `prevHash` (GENESIS for seq 1). */
export function verifyEvents(events: Iterable<StoredEvent>, prevHash = GENESIS_HASH, prevSeq = 0): ChainReport {
  let checked = 0
  let lastHash = prevHash
  let lastSeq = prevSeq
  for (const e of events) {
    checked++
    if (e.seq !== lastSeq + 1)
      return {
        ok: false,
        checked,
        lastSeq,
        lastHash,
        firstBroken: { seq: lastSeq + 1, reason: `missing: expected seq ${lastSeq + 1}, found ${e.seq}` },
      }
    if (e.prevHash !== lastHash)
      return {
        ok: false,
        checked,
        lastSeq,
        lastHash,
        firstBroken: { seq: e.seq, reason: 'prevHash does not match the previous event' },
      }
    const h = chainHash(lastHash, e)
    if (h !== e.hash)
      return {
        ok: false,
        checked,
        lastSeq,
        lastHash,
        firstBroken: { seq: e.seq, reason: 'content does not match its hash (altered)' },
      }
    lastHash = h
    lastSeq = e.seq
  }
  return { ok: true, checked, lastSeq, lastHash }
}
