import type { AlarmCommands, CommandAck } from '../state/alarmSlice'
import { twinStore } from '../state/twinStore'

/**
 * Run an alarm command and put a refusal (or a lost connection) in front of the operator.
 * Resolves true when the server accepted it; the screen changes when the logged event comes back.
 */
export async function runCommand(run: (c: AlarmCommands) => Promise<CommandAck>): Promise<boolean> {
  const { alarmCommands, setAlarmError } = twinStore.getState()
  if (!alarmCommands) {
    setAlarmError('not connected')
    return false
  }
  const r = await run(alarmCommands)
  if (!r.ok) setAlarmError(r.error)
  return r.ok
}
