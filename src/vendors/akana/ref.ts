import { vendorRef } from '../../graphql/gateway-types.js';

/** Akana's client in a request (typed by its module's `VendorClients` entry): `ctx.gateway.vendors.client(AKANA)`. */
export const AKANA = vendorRef('akana', 'AKANA_API_PLATFORM', 'Akana');
