/**
 * Abort codes ↔ Solidity revert data. Each distinct revert (a `require`/`revert` message, a custom error
 * with constant arguments, a panic code, a bare revert) gets one `u64` abort code; the build output keeps
 * the EVM revert data per code, so a Move abort decodes to the same reason as on the EVM.
 */
import { bytesToHex } from '@noble/hashes/utils.js';
import { customErrorData, errorStringData, panicData } from '../abi/revert.js';
import type { IrError } from '../ir/contract.js';

/** Codes start at 1: 0 is what hand-written Move code conventionally uses for "unspecified". */
const FIRST_CODE = 1;

export class AbortCodes {
  readonly #byData = new Map<string, number>();
  readonly #data: Uint8Array[] = [];

  #code(data: Uint8Array): number {
    const key = bytesToHex(data);
    let code = this.#byData.get(key);
    if (code === undefined) {
      code = FIRST_CODE + this.#data.length;
      this.#data.push(data);
      this.#byData.set(key, code);
    }
    return code;
  }

  empty(): number {
    return this.#code(new Uint8Array());
  }
  message(utf8: Uint8Array): number {
    return this.#code(errorStringData(utf8));
  }
  panic(code: number): number {
    return this.#code(panicData(code));
  }
  custom(error: IrError, args: readonly bigint[]): number {
    return this.#code(customErrorData(error, args));
  }

  /** abort code → EVM revert data, for the build output. */
  table(): ReadonlyMap<number, Uint8Array> {
    return new Map(this.#data.map((d, i) => [FIRST_CODE + i, d]));
  }
}
