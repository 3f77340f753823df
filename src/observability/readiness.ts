/**
 * `/readyz`: every component registers a named check (vendors' circuits, vault writable, signing
 * key; the vault's capacity can register its own). The answer names each one, and is 503 when a
 * critical check fails or the server drains. A vendor whose circuit is open makes the gateway
 * "degraded", not unready: taking every replica out because one vendor fails would turn a partial
 * outage into a total one.
 */
export interface CheckResult {
  ok: boolean;
  /** Failing makes the gateway unready (503); non-critical failures only make it "degraded". */
  critical: boolean;
  [detail: string]: unknown;
}
export type ReadinessCheck = () => Promise<CheckResult> | CheckResult;

export interface ReadinessReport {
  status: 'ready' | 'degraded' | 'unready' | 'draining';
  /** When unready: each failing critical check and why (`vault:capacity: …`), `; `-separated. */
  reason?: string;
  checks: Record<string, CheckResult>;
}

const CHECK_TIMEOUT_MS = 2_000;

export class Readiness {
  readonly #checks = new Map<string, ReadinessCheck>();
  readonly #criticalWhen = new Map<string, () => boolean>();

  /** Adds (or replaces) the check called `name`. */
  register(name: string, check: ReadinessCheck): void {
    this.#checks.set(name, check);
  }

  /**
   * The checks called `names` (registered now or later) count as critical only while `when()`
   * holds: the vault matters only when a configured vendor keeps archives in it, and a database
   * nobody uses must not take every vendor out of the load balancer. Otherwise still reported.
   */
  criticalOnlyWhen(names: readonly string[], when: () => boolean): void {
    for (const name of names) this.#criticalWhen.set(name, when);
  }

  async report(draining: boolean): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.#checks].map(async ([name, check]): Promise<[string, CheckResult]> => {
        let timer: NodeJS.Timeout | undefined;
        try {
          const timeout = new Promise<CheckResult>((resolve) => {
            timer = setTimeout(
              () => resolve({ ok: false, critical: true, error: 'timed out' }),
              CHECK_TIMEOUT_MS,
            );
          });
          const result = await Promise.race([Promise.resolve(check()), timeout]);
          const counts = this.#criticalWhen.get(name);
          return [
            name,
            result.critical && counts && !counts() ? { ...result, critical: false, used: false } : result,
          ];
        } catch (err) {
          return [
            name,
            { ok: false, critical: true, error: err instanceof Error ? err.message : String(err) },
          ];
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    const checks = Object.fromEntries(entries);
    const failed = entries.filter(([, r]) => !r.ok);
    const status = draining
      ? 'draining'
      : failed.some(([, r]) => r.critical)
        ? 'unready'
        : failed.length > 0
          ? 'degraded'
          : 'ready';
    if (status !== 'unready') return { status, checks };
    const reason = failed
      .filter(([, r]) => r.critical)
      .map(([name, r]) => {
        const why = [r.message, r.error, r.reason].find((w) => typeof w === 'string');
        return why ? `${name}: ${why}` : name;
      })
      .join('; ');
    return { status, reason, checks };
  }
}
