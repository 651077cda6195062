import { sharedStateTests } from './shared-state-tests.js';

sharedStateTests(0, 2);
