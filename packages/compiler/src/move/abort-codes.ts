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
  /** By code − FIRST_CODE: the revert data, or the custom error of a site with computed arguments. */
  readonly #entries: (Uint8Array | IrError)[] = [];
  /** `<function id>:<ordinal>` of a computed site → its code (a function and its twin share it). */
  readonly #bySite = new Map<string, number>();

  #code(data: Uint8Array): number {
    const key = bytesToHex(data);
    let code = this.#byData.get(key);
    if (code === undefined) {
      code = FIRST_CODE + this.#entries.length;
      this.#entries.push(data);
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

  /**
   * A fresh code for one `revert E(args)` site with computed arguments: the data is known only at
   * run time, so the harness recovers it through the function's diagnostic twin. `key` names the
   * site, so a function and its twin get the same code.
   */
  site(error: IrError, key: string): number {
    let code = this.#bySite.get(key);
    if (code === undefined) {
      code = FIRST_CODE + this.#entries.length;
      this.#entries.push(error);
      this.#bySite.set(key, code);
    }
    return code;
  }

  /** abort code → EVM revert data, for the build output. */
  table(): ReadonlyMap<number, Uint8Array> {
    const table = new Map<number, Uint8Array>();
    this.#entries.forEach((e, i) => {
      if (e instanceof Uint8Array) table.set(FIRST_CODE + i, e);
    });
    return table;
  }

  /** abort code → the custom error whose computed arguments that site reverts with. */
  sites(): ReadonlyMap<number, IrError> {
    const sites = new Map<number, IrError>();
    this.#entries.forEach((e, i) => {
      if (!(e instanceof Uint8Array)) sites.set(FIRST_CODE + i, e);
    });
    return sites;
  }
}
