import { vendorRef } from '../../graphql/gateway-types.js';

/** Google's client in a request (typed by its module's `VendorClients` entry): `ctx.gateway.vendors.client(GOOGLE)`. */
export const GOOGLE = vendorRef('google', 'GOOGLE_APPLICATION_INTEGRATION', 'Google');
