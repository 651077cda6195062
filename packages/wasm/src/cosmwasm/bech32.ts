import { bech32 } from '@scure/base';

/** Bech32 (BIP-173), the human-readable address format CosmWasm's `addr_*` APIs use. */
export function bech32Encode(prefix: string, data: Uint8Array): string {
  return bech32.encode(prefix, bech32.toWords(data));
}

/** Decodes a lower-case bech32 string; undefined when malformed or the checksum fails. */
export function bech32Decode(text: string): { prefix: string; data: Uint8Array } | undefined {
  if (text !== text.toLowerCase()) return undefined;
  try {
    const { prefix, bytes } = bech32.decodeToBytes(text);
    return { prefix, data: bytes };
  } catch {
    return undefined;
  }
}
