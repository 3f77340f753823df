import { faultSuite } from './suite.js';

faultSuite('google');
