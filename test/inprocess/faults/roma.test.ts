import { faultSuite } from './suite.js';

faultSuite('roma');
