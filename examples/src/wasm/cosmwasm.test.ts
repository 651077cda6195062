import { cosmwasmRuntimeFactory } from '@polyvm/wasm';
import { describeWorkloads } from '../testing/describe-workloads.js';
import { cosmwasmWorkloads } from './cosmwasm-workloads.js';

describeWorkloads(cosmwasmRuntimeFactory, cosmwasmWorkloads);
