/**
 * A dataloader batch function, observed: its size goes to the batch-size histogram and, with
 * tracing on, the batch runs in a span (child of the resolver that triggered it), so the vendor
 * calls it makes nest under it. Outside a request it is the plain function.
 */
import DataLoader from 'dataloader';
import { currentRequest } from './request-context.js';

export function observedBatch<K, R>(
  vendor: string,
  loader: string,
  batch: (keys: readonly K[]) => PromiseLike<R>,
): (keys: readonly K[]) => Promise<R> {
  return (keys) => {
    const obs = currentRequest()?.obs;
    obs?.metrics?.batchSize.observe({ vendor, loader }, keys.length);
    if (!obs?.tracing) return Promise.resolve(batch(keys));
    return obs.tracing.span(
      `dataloader ${vendor}.${loader}`,
      { 'vendor.key': vendor, 'dataloader.name': loader, 'dataloader.batch_size': keys.length },
      () => Promise.resolve(batch(keys)),
    );
  };
}

/** A DataLoader whose batches are observed (see `observedBatch`); otherwise the same. */
export class ObservedDataLoader<K, V, C = K> extends DataLoader<K, V, C> {
  constructor(
    vendor: string,
    loader: string,
    batch: DataLoader.BatchLoadFn<K, V>,
    options?: DataLoader.Options<K, V, C>,
  ) {
    super(observedBatch(vendor, loader, batch), options);
  }
}
