import { vendorRef } from '../../graphql/gateway-types.js';
import type { GoogleClient } from './client.js';

/** Google's client in a request: `ctx.gateway.vendors.client(GOOGLE)`. */
export const GOOGLE = vendorRef<GoogleClient>('google', 'GOOGLE_APPLICATION_INTEGRATION');
