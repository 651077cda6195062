/**
 * The ethereum/tests `GeneralStateTests` JSON format (filled tests): one transaction template with
 * lists of data, gas limits and values; each post entry picks one of each by index and names the
 * expected post-state root and logs hash for a fork.
 */
export interface StateTestFile {
  [name: string]: StateTest;
}

export interface StateTest {
  env: StateTestEnv;
  pre: Record<string, PreAccountJson>;
  transaction: StateTestTransaction;
  post: Record<string, PostEntry[]>;
}

export interface StateTestEnv {
  currentCoinbase: string;
  currentGasLimit: string;
  currentNumber: string;
  currentTimestamp: string;
  currentBaseFee?: string;
  currentRandom?: string;
  currentDifficulty?: string;
  currentExcessBlobGas?: string;
  /** EIP-4788 parent beacon block root; zero when absent. */
  currentBeaconRoot?: string;
  /** Parent block hash for the EIP-2935 system call (Prague); defaults to the BLOCKHASH source. */
  previousHash?: string;
}

export interface PreAccountJson {
  balance: string;
  code: string;
  nonce: string;
  storage: Record<string, string>;
}

export interface AccessListJson {
  address: string;
  storageKeys: string[];
}

export interface StateTestTransaction {
  data: string[];
  gasLimit: string[];
  value: string[];
  nonce: string;
  to: string;
  sender?: string;
  secretKey?: string;
  gasPrice?: string;
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  accessLists?: Array<AccessListJson[] | null>;
  blobVersionedHashes?: string[];
  maxFeePerBlobGas?: string;
  /** EIP-7702 set-code transactions (Prague). */
  authorizationList?: AuthorizationJson[];
}

export interface AuthorizationJson {
  chainId: string;
  address: string;
  nonce: string;
  /** y parity, as `v` or `yParity`. */
  v?: string;
  yParity?: string;
  r: string;
  s: string;
}

export interface PostEntry {
  hash: string;
  logs: string;
  indexes: { data: number; gas: number; value: number };
  expectException?: string;
  txbytes?: string;
}
