import { InputError } from '@backstage/errors';

/**
 * Thrown by the {@link MethodCatalog} when asked for a cycle the method data
 * does not have. It is an `InputError`, so Backstage's error middleware
 * answers it with a 400.
 *
 * @internal
 */
export class UnknownMethodCycleError extends InputError {
  /** The cycle id that was asked for. */
  readonly cycle: string;

  constructor(cycle: string, knownCycles: readonly string[]) {
    super(
      `cycle: unknown APIOps Cycles cycle '${cycle}'; expected one of ${knownCycles.join(
        ', ',
      )}`,
    );
    this.cycle = cycle;
  }
}
