import { vendorRef } from '../../graphql/gateway-types.js';

/** Oracle's client in a request (typed by its module's `VendorClients` entry): `ctx.gateway.vendors.client(ORACLE)`. */
export const ORACLE = vendorRef('oracle', 'ORACLE_CLOUD_MARKETPLACE', 'Oracle');
