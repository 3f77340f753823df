/**
 * Shutdown by registration: every resource registers how it is disposed of when it is created, and
 * `dispose()` runs those steps in reverse order (last created, first closed), like
 * `AsyncDisposableStack` (Node 24+) without needing it: Node 20 runs this.
 *
 * A failing step does not stop the others: every step runs, and the first error is rethrown at the
 * end (an `AggregateError` when several failed).
 */
export type DisposeStep = () => unknown;

export class Disposer {
  readonly #steps: { name: string; step: DisposeStep }[] = [];
  #disposed: Promise<void> | undefined;

  /** Registers `step` to run at disposal; returns `value` so creation and registration are one line. */
  use<T>(name: string, value: T, step: (value: T) => unknown): T {
    this.defer(name, () => step(value));
    return value;
  }

  /** Registers a step without a value. */
  defer(name: string, step: DisposeStep): void {
    if (this.#disposed) throw new Error(`Disposer already disposed: cannot register ${name}`);
    this.#steps.push({ name, step });
  }

  /** The names of the registered steps, in the order they will run. */
  get order(): string[] {
    return this.#steps.map((s) => s.name).reverse();
  }

  get disposed(): boolean {
    return this.#disposed !== undefined;
  }

  /** Runs every step once, in reverse order of registration; later calls wait for the first. */
  dispose(): Promise<void> {
    this.#disposed ??= this.#run();
    return this.#disposed;
  }

  async #run(): Promise<void> {
    const errors: unknown[] = [];
    while (this.#steps.length > 0) {
      const { step } = this.#steps.pop() as { name: string; step: DisposeStep };
      try {
        await step();
      } catch (err) {
        errors.push(err);
      }
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new AggregateError(errors, 'several resources failed to close');
  }
}
