import { faultSuite } from './suite.js';

faultSuite('torq');
