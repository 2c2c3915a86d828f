/**
 * The alarm tone, generated with Web Audio (no audio files): an alternating two-tone pattern
 * (high/low every 400 ms, square-ish for carrying power in a noisy hall), scheduled ahead on the
 * audio clock so it stays steady when the main thread is busy drawing the park.
 */
const HIGH_HZ = 988
const LOW_HZ = 784
const STEP_S = 0.4
const LOOKAHEAD_S = 1.6
const VOLUME = 0.18

export interface SirenAudio {
  /** Create/resume the AudioContext; must run inside a user gesture. Resolves true when running. */
  unlock(): Promise<boolean>
  readonly unlocked: boolean
  setSounding(on: boolean): void
  readonly sounding: boolean
}

type AudioContextCtor = new () => AudioContext

export function createSirenAudio(): SirenAudio {
  let ctx: AudioContext | null = null
  let osc: OscillatorNode | null = null
  let gain: GainNode | null = null
  let timer: ReturnType<typeof setInterval> | null = null
  let nextStep = 0
  let step = 0
  let sounding = false

  const schedule = () => {
    if (!ctx || !osc) return
    while (nextStep < ctx.currentTime + LOOKAHEAD_S) {
      osc.frequency.setValueAtTime(step++ % 2 === 0 ? HIGH_HZ : LOW_HZ, nextStep)
      nextStep += STEP_S
    }
  }

  const start = () => {
    if (!ctx || ctx.state !== 'running' || osc) return
    gain = ctx.createGain()
    gain.gain.setValueAtTime(0, ctx.currentTime)
    gain.gain.linearRampToValueAtTime(VOLUME, ctx.currentTime + 0.05)
    gain.connect(ctx.destination)
    osc = ctx.createOscillator()
    osc.type = 'square'
    osc.connect(gain)
    nextStep = ctx.currentTime
    step = 0
    schedule()
    osc.start()
    timer = setInterval(schedule, 500)
  }

  const stop = () => {
    if (timer) clearInterval(timer)
    timer = null
    if (ctx && osc && gain) {
      const o = osc
      gain.gain.cancelScheduledValues(ctx.currentTime)
      gain.gain.setValueAtTime(gain.gain.value, ctx.currentTime)
      gain.gain.linearRampToValueAtTime(0, ctx.currentTime + 0.05)
      o.stop(ctx.currentTime + 0.06)
    }
    osc = null
    gain = null
  }

  return {
    async unlock() {
      const Ctor =
        window.AudioContext ?? (window as unknown as { webkitAudioContext?: AudioContextCtor }).webkitAudioContext
      if (!Ctor) return false
      ctx ??= new Ctor()
      if (ctx.state !== 'running') await ctx.resume().catch(() => undefined)
      if (sounding) start()
      return ctx.state === 'running'
    },
    get unlocked() {
      return ctx?.state === 'running'
    },
    setSounding(on) {
      sounding = on
      if (on) start()
      else stop()
    },
    get sounding() {
      return osc !== null
    },
  }
}
