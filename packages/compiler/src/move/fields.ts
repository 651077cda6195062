/** Move names of Solidity members: `f_<name>` (a Solidity name may start with `_`, which Move allows only before an alphanumeric). */
export function fieldName(name: string): string {
  return `f_${name}`;
}
