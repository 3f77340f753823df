import { vendorRef } from '../../graphql/gateway-types.js';

/** Torq's client in a request (typed by its module's `VendorClients` entry): `ctx.gateway.vendors.client(TORQ)`. */
export const TORQ = vendorRef('torq', 'TORQ', 'Torq');
