import { sharedStateTests } from './shared-state-tests.js';

sharedStateTests(1, 2);
