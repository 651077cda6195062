import { runtimeFactory } from '@polyvm/move-lite';
import { describeWorkloads } from '../testing/describe-workloads.js';
import { workloads } from './index.js';

describeWorkloads(runtimeFactory, workloads);
