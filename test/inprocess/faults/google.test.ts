import { faultSuite } from './suite.js';

await faultSuite('google');
