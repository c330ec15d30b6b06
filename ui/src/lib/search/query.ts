/** Worth searching: at least two letters or digits (one letter matches half the library). */
export function worthSearching(text: string): boolean {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length >= 2;
}
