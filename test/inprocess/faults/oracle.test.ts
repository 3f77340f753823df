import { faultSuite } from './suite.js';

faultSuite('oracle');
