/** Runs async jobs one at a time in submission order (log appends must keep their order). */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve()

  push<T>(job: () => Promise<T> | T): Promise<T> {
    const next = this.tail.then(job, job)
    this.tail = next.catch(() => undefined)
    return next
  }

  /** Resolves when everything queued so far has run. */
  idle(): Promise<void> {
    return this.tail.then(() => undefined)
  }
}
