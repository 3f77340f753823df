import { vendorRef } from '../../graphql/gateway-types.js';
import type { OracleClient } from './client.js';

/** Oracle's client in a request: `ctx.gateway.vendors.client(ORACLE)`. */
export const ORACLE = vendorRef<OracleClient>('oracle', 'ORACLE_CLOUD_MARKETPLACE');
