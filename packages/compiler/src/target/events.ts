/** EVM-shaped logs (topics + ABI data) → decoded events, against the contract's IR events. */
import { bytesToHex } from '@noble/hashes/utils.js';
import { type AbiValue, bytesWord, decodeAbi, wordValue } from '../abi/codec.js';
import type { IrContract } from '../ir/contract.js';
import { isValueType } from '../ir/types.js';
import type { DecodedEvent } from './target.js';

export interface EvmShapedLog {
  readonly topics: readonly Uint8Array[];
  readonly data: Uint8Array;
}

export function decodeLogs(contract: IrContract, logs: readonly EvmShapedLog[]): DecodedEvent[] {
  return logs.map((log) => {
    const topic0 = log.topics[0] === undefined ? '' : bytesToHex(log.topics[0]);
    const event = contract.events.find((e) => !e.anonymous && e.topic0 === topic0);
    if (event === undefined) {
      return {
        name: '<unknown>',
        signature: topic0,
        args: [...log.topics.map((t) => bytesWord(t)), log.data],
      };
    }
    const data = decodeAbi(
      event.params.filter((p) => !p.indexed).map((p) => p.type),
      log.data,
    );
    let topic = 1;
    let field = 0;
    const args: AbiValue[] = event.params.map((p) => {
      if (!p.indexed) return data[field++]!;
      const word = bytesWord(log.topics[topic++] ?? new Uint8Array(32));
      return isValueType(p.type) ? wordValue(p.type, word) : word;
    });
    return { name: event.name, signature: event.signature, args };
  });
}
