import { vendorRef } from '../../src/graphql/gateway-types.js';
import type { ToyClient } from './client.js';

export const TOY = vendorRef<ToyClient>('toy', 'TOY_VENDOR');
export const TOY_FILE_KIND = 'toy-file';
