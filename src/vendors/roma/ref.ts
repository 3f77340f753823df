import { vendorRef } from '../../graphql/gateway-types.js';

/** ROMA's client in a request (typed by its module's `VendorClients` entry): `ctx.gateway.vendors.client(ROMA)`. */
export const ROMA = vendorRef('roma', 'HUAWEI_ROMA_CONNECT', 'ROMA');
