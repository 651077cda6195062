/** EIP-7702 delegation designator: 0xef0100 ‖ address (23 bytes). */
export const DELEGATION_PREFIX = Uint8Array.of(0xef, 0x01, 0x00); // EIP-7702
const DESIGNATOR_LENGTH = 23;

/** The address a delegation designator points to, or undefined for any other code. */
export function delegatedAddress(code: Uint8Array): bigint | undefined {
  if (code.length !== DESIGNATOR_LENGTH || code[0] !== 0xef || code[1] !== 0x01 || code[2] !== 0x00) {
    return undefined;
  }
  let address = 0n;
  for (let i = 3; i < DESIGNATOR_LENGTH; i++) address = (address << 8n) | BigInt(code[i]!);
  return address;
}

/** The designator 0xef0100 ‖ address. */
export function delegationCode(address: bigint): Uint8Array {
  const out = new Uint8Array(DESIGNATOR_LENGTH);
  out.set(DELEGATION_PREFIX);
  let a = address;
  for (let i = DESIGNATOR_LENGTH - 1; i >= 3; i--) {
    out[i] = Number(a & 0xffn);
    a >>= 8n;
  }
  return out;
}
