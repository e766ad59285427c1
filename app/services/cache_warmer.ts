import type { WarmTarget } from '#services/cache_warm_targets'

export interface WarmFailure {
  target: string
  message: string
}

export interface WarmReport {
  status: 'ok' | 'failed'
  targets: number
  warmed: number
  failed: number
  durationMs: number
  failures: WarmFailure[]
}

/**
 * Runs warm-up targets with at most `concurrency` at a time. A failing target is recorded and
 * the others go on; `onDone` hears about each target as it finishes.
 */
export async function warmAll(
  targets: readonly WarmTarget[],
  concurrency: number,
  onDone: (target: WarmTarget, error: Error | null, durationMs: number) => void = () => {}
): Promise<WarmReport> {
  const started = performance.now()
  const failures: WarmFailure[] = []
  let warmed = 0
  let next = 0

  async function worker() {
    while (next < targets.length) {
      const target = targets[next++]
      const begin = performance.now()
      try {
        await target.warm()
        warmed++
        onDone(target, null, performance.now() - begin)
      } catch (error) {
        failures.push({ target: target.name, message: (error as Error).message })
        onDone(target, error as Error, performance.now() - begin)
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker))
  return {
    status: failures.length ? 'failed' : 'ok',
    targets: targets.length,
    warmed,
    failed: failures.length,
    durationMs: Math.round(performance.now() - started),
    failures,
  }
}
