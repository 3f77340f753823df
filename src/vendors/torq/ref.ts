import { vendorRef } from '../../graphql/gateway-types.js';
import type { TorqClient } from './client.js';

/** Torq's client in a request: `ctx.gateway.vendors.client(TORQ)`. */
export const TORQ = vendorRef<TorqClient>('torq', 'TORQ');
