import { vendorRef } from '../../graphql/gateway-types.js';
import type { AkanaClient } from './client.js';

/** Akana's client in a request: `ctx.gateway.vendors.client(AKANA)`. */
export const AKANA = vendorRef<AkanaClient>('akana', 'AKANA_API_PLATFORM');
