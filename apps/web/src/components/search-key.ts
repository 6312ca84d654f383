/** `/` pressed outside a text field: the key that focuses the header search. */
export function isSearchKey(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  return e.key === '/' && !typing;
}
