import type { GasSchedule, GasScheduleEntry } from '@polyvm/core';
import { OPCODES } from './decode/opcodes.js';
import * as rules from './execute/gas-rules.js';

const dynamic: GasScheduleEntry[] = [
  {
    name: 'memory word',
    category: 'memory',
    cost: rules.G_MEMORY,
    per: 'word',
    source: 'Yellow Paper G_memory (+ words²/512)',
  },
  { name: 'copy word', category: 'memory', cost: rules.G_COPY, per: 'word', source: 'Yellow Paper G_copy' },
  {
    name: 'KECCAK256 word',
    category: 'crypto',
    cost: rules.G_KECCAK256_WORD,
    per: 'word',
    source: 'Yellow Paper G_keccak256word',
  },
  { name: 'EXP byte', category: 'compute', cost: rules.G_EXP_BYTE, per: 'byte', source: 'EIP-160' },
  { name: 'LOG topic', category: 'storage', cost: rules.G_LOG_TOPIC, source: 'Yellow Paper G_logtopic' },
  {
    name: 'LOG data',
    category: 'storage',
    cost: rules.G_LOG_DATA,
    per: 'byte',
    source: 'Yellow Paper G_logdata',
  },
  { name: 'cold account access', category: 'storage', cost: rules.G_COLD_ACCOUNT_ACCESS, source: 'EIP-2929' },
  { name: 'cold SLOAD', category: 'storage', cost: rules.G_COLD_SLOAD, source: 'EIP-2929' },
  { name: 'warm access', category: 'storage', cost: rules.G_WARM_ACCESS, source: 'EIP-2929' },
  { name: 'SSTORE set', category: 'storage', cost: rules.G_SSTORE_SET, source: 'EIP-2200' },
  { name: 'SSTORE reset', category: 'storage', cost: rules.G_SSTORE_RESET, source: 'EIP-2200/EIP-2929' },
  { name: 'SSTORE clear refund', category: 'storage', cost: rules.R_SSTORE_CLEARS, source: 'EIP-3529' },
  { name: 'CALL value', category: 'call', cost: rules.G_CALL_VALUE, source: 'Yellow Paper G_callvalue' },
  {
    name: 'CALL stipend',
    category: 'call',
    cost: rules.G_CALL_STIPEND,
    source: 'Yellow Paper G_callstipend',
  },
  { name: 'new account', category: 'call', cost: rules.G_NEW_ACCOUNT, source: 'Yellow Paper G_newaccount' },
  {
    name: 'code deposit',
    category: 'call',
    cost: rules.G_CODE_DEPOSIT,
    per: 'byte',
    source: 'Yellow Paper G_codedeposit',
  },
  { name: 'initcode word', category: 'call', cost: rules.G_INITCODE_WORD, per: 'word', source: 'EIP-3860' },
  { name: 'transaction', category: 'other', cost: rules.G_TRANSACTION, source: 'Yellow Paper G_transaction' },
  {
    name: 'calldata zero byte',
    category: 'other',
    cost: rules.G_TX_DATA_ZERO,
    per: 'byte',
    source: 'Yellow Paper G_txdatazero',
  },
  {
    name: 'calldata non-zero byte',
    category: 'other',
    cost: rules.G_TX_DATA_NONZERO,
    per: 'byte',
    source: 'EIP-2028',
  },
  { name: 'access list address', category: 'other', cost: rules.G_ACCESS_LIST_ADDRESS, source: 'EIP-2930' },
  {
    name: 'access list storage key',
    category: 'other',
    cost: rules.G_ACCESS_LIST_STORAGE_KEY,
    source: 'EIP-2930',
  },
];

/** The Cancun cost table: every opcode's constant cost plus the dynamic rules. */
export const CANCUN_GAS_SCHEDULE: GasSchedule = {
  runtime: 'evm',
  name: 'Cancun',
  unit: 'gas',
  source:
    'Ethereum Yellow Paper Appendix G + EIPs 150, 160, 1884, 2028, 2200, 2929, 2930, 3529, 3860, 4844, 1153, 5656',
  referenceOpCost: 3, // ADD: G_verylow
  entries: [
    ...OPCODES.map((op) => ({
      name: op.name,
      category: op.category,
      cost: op.gas,
      source: 'Yellow Paper Appendix G',
    })),
    ...dynamic,
  ],
};
