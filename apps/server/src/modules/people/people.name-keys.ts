import { fullPinyin, nameInitials } from '@xinhuo/shared';

/** The header search's prefix keys of a name, written with the name on every write path. */
export function nameSearchColumns(name: string): { name_initials: string; name_pinyin: string } {
  return { name_initials: nameInitials(name), name_pinyin: fullPinyin(name) };
}
