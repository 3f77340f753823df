import { vendorRef } from '../../graphql/gateway-types.js';
import type { RomaClient } from './client.js';

/** ROMA's client in a request: `ctx.gateway.vendors.client(ROMA)`. */
export const ROMA = vendorRef<RomaClient>('roma', 'HUAWEI_ROMA_CONNECT');
