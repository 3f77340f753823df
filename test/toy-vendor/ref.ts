import { vendorRef } from '../../src/graphql/gateway-types.js';

export const TOY = vendorRef('toy', 'TOY_VENDOR', 'Toy');
export const TOY_FILE_KIND = 'toy-file';
