/**
 * SM4 at rest (GB/T 32907, from Node's OpenSSL). Node's OpenSSL has no SM4-GCM, so this is
 * encrypt-then-MAC: SM4-CTR with a random 16-byte IV, then HMAC-SM3 over everything before it.
 * Sealed blob: 0xE5 · key id (1 byte) · IV (16) · ciphertext · MAC (32).
 *
 * Keys come from configuration (SAFETWIN_SM4_KEYS="id:hex32,id:hex32", newest first) or a key
 * file outside the repository (data/sm4.keys, created with mode 0600 on first start). Each
 * 16-byte master key yields separate encryption and MAC keys (HMAC-SM3 derivation). Rotation:
 * put a new key first; blobs sealed with older ids still open while their key is listed.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

const MAGIC = 0xe5

interface Key {
  id: number
  enc: Buffer
  mac: Buffer
}

export class Sm4Cipher {
  private readonly keys = new Map<number, Key>()
  private readonly current: Key

  constructor(keys: { id: number; key: Buffer }[]) {
    if (!keys.length) throw new Error('SM4: at least one key is needed')
    for (const k of keys) {
      if (k.key.length !== 16) throw new Error(`SM4 key ${k.id}: must be 16 bytes (32 hex digits)`)
      if (k.id < 0 || k.id > 255) throw new Error(`SM4 key id ${k.id}: must be 0..255`)
      this.keys.set(k.id, {
        id: k.id,
        enc: createHmac('sm3', k.key).update('safetwin-sm4-enc').digest().subarray(0, 16),
        mac: createHmac('sm3', k.key).update('safetwin-sm3-mac').digest(),
      })
    }
    this.current = this.keys.get(keys[0].id)!
  }

  /** "1:00112233…,0:…" (newest first). */
  static parse(spec: string): Sm4Cipher {
    return new Sm4Cipher(
      spec.split(',').map((p) => {
        const [id, hex] = p.trim().split(':')
        return { id: Number(id), key: Buffer.from(hex ?? '', 'hex') }
      }),
    )
  }

  /** From SAFETWIN_SM4_KEYS, else a key file (created on first use, never in the repository). */
  static fromEnvOrFile(file: string | undefined): Sm4Cipher {
    const env = process.env.SAFETWIN_SM4_KEYS
    if (env) return Sm4Cipher.parse(env)
    if (!file) return new Sm4Cipher([{ id: 1, key: randomBytes(16) }])
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, `1:${randomBytes(16).toString('hex')}\n`, { mode: 0o600 })
    }
    return Sm4Cipher.parse(readFileSync(file, 'utf8').trim())
  }

  seal(plain: Uint8Array): Buffer {
    const k = this.current
    const iv = randomBytes(16)
    const c = createCipheriv('sm4-ctr', k.enc, iv)
    const ct = Buffer.concat([c.update(plain), c.final()])
    const head = Buffer.from([MAGIC, k.id])
    const mac = createHmac('sm3', k.mac).update(head).update(iv).update(ct).digest()
    return Buffer.concat([head, iv, ct, mac])
  }

  /** Plain bytes, or throws when the blob was altered or its key is not configured. */
  open(blob: Uint8Array): Buffer {
    const b = Buffer.from(blob.buffer, blob.byteOffset, blob.byteLength)
    if (b.length < 2 + 16 + 32 || b[0] !== MAGIC) throw new Error('SM4: not a sealed blob')
    const k = this.keys.get(b[1])
    if (!k) throw new Error(`SM4: key id ${b[1]} is not configured`)
    const iv = b.subarray(2, 18)
    const ct = b.subarray(18, b.length - 32)
    const mac = b.subarray(b.length - 32)
    const want = createHmac('sm3', k.mac).update(b.subarray(0, 2)).update(iv).update(ct).digest()
    if (!timingSafeEqual(mac, want)) throw new Error('SM4: authentication failed (altered data or wrong key)')
    const d = createDecipheriv('sm4-ctr', k.enc, iv)
    return Buffer.concat([d.update(ct), d.final()])
  }

  static isSealed(blob: Uint8Array): boolean {
    return blob.length > 50 && blob[0] === MAGIC
  }
}
