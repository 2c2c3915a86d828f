/**
 * Wraps a socket handler so that nothing a client sends can crash the server: the payload is
 * parsed by its zod schema, a missing or non-function ack is tolerated, and any exception
 * becomes an error ack (its text sanitised: internal messages stay in the server log).
 */
import type { z } from 'zod'
import { ackError, describeZodError, type Ack } from '@sim/protocol/messages'

export type AckFn<T> = (r: Ack<T>) => void

export function safeHandler<S extends z.ZodType, T>(
  event: string,
  schema: S,
  handle: (payload: z.infer<S>) => Ack<T> | Promise<Ack<T>>,
  log: (msg: string) => void = (m) => console.error(m),
) {
  return async (...args: unknown[]): Promise<void> => {
    const last = args[args.length - 1]
    const ack: AckFn<T> = typeof last === 'function' ? (last as AckFn<T>) : () => {}
    const payload = typeof last === 'function' ? args[0] : args[0]
    const parsed = schema.safeParse(payload)
    if (!parsed.success) return ack(ackError(`${event}: invalid payload: ${describeZodError(parsed.error)}`))
    try {
      ack(await handle(parsed.data))
    } catch (e) {
      log(`handler ${event} failed: ${(e as Error).stack ?? e}`)
      ack(ackError(`${event}: internal error`))
    }
  }
}
