/** A sleep that wake() cuts short; a wake() while awake makes the next sleep return at once. */
export class Alarm {
  #rung = false
  #ring: (() => void) | undefined

  wake(): void {
    this.#rung = true
    this.#ring?.()
  }

  sleep(ms: number): Promise<void> {
    if (this.#rung) {
      this.#rung = false
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const ring = () => {
        clearTimeout(timer)
        this.#ring = undefined
        this.#rung = false
        resolve()
      }
      const timer = setTimeout(ring, ms)
      this.#ring = ring
    })
  }
}
