import { runtimeFactory } from '@polyvm/svm-lite';
import { describeWorkloads } from '../testing/describe-workloads.js';
import { workloads } from './index.js';

describeWorkloads(runtimeFactory, workloads);
