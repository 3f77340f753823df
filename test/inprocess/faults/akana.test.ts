import { faultSuite } from './suite.js';

faultSuite('akana');
