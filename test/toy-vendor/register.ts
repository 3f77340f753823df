/** The one line that adds the toy vendor next to the real five (import this before the gateway). */
import { registerVendor } from '../../src/vendors/index.js';
import { toy } from './index.js';

registerVendor(toy);
