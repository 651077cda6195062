/**
 * The transaction substate of Yellow Paper §6.1 (accessed addresses and storage keys of EIP-2929,
 * the refund counter, logs, the self-destruct set, accounts created in this transaction for
 * EIP-6780, touched accounts for EIP-161), journaled so a reverted sub-call drops what it added,
 * exactly as execution-specs' `incorporate_child_on_error` does.
 */
export interface Log {
  address: bigint;
  topics: bigint[];
  data: Uint8Array;
}

export interface SubstateMark {
  journal: number;
  refund: number;
  logs: number;
}

type SetName = 'warmAddresses' | 'warmSlots' | 'selfDestructs' | 'created' | 'touched';

export class Substate {
  readonly warmAddresses = new Set<bigint>();
  /** Keys are `address << 256 | slot`. */
  readonly warmSlots = new Set<bigint>();
  readonly selfDestructs = new Set<bigint>();
  readonly created = new Set<bigint>();
  readonly touched = new Set<bigint>();
  /** Storage values at the start of the transaction (EIP-2200 "original value"); never reverted. */
  readonly originals = new Map<bigint, bigint>();
  /** Transient slots written during the transaction, cleared at its end (EIP-1153). */
  readonly transientSlots: Array<[bigint, bigint]> = [];
  readonly logs: Log[] = [];
  refund = 0;
  readonly #journal: Array<[SetName, bigint]> = [];

  /** Adds to a set; returns true when it was not there (i.e. the access was cold). */
  add(set: SetName, key: bigint): boolean {
    const target = this[set];
    if (target.has(key)) return false;
    target.add(key);
    this.#journal.push([set, key]);
    return true;
  }

  mark(): SubstateMark {
    return { journal: this.#journal.length, refund: this.refund, logs: this.logs.length };
  }

  revertTo(mark: SubstateMark): void {
    for (let i = this.#journal.length - 1; i >= mark.journal; i--) {
      const [set, key] = this.#journal[i]!;
      this[set].delete(key);
    }
    this.#journal.length = mark.journal;
    this.refund = mark.refund;
    this.logs.length = mark.logs;
  }
}

export function slotId(address: bigint, slot: bigint): bigint {
  return (address << 256n) | slot;
}
