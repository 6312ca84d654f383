// A field-by-field comparison of two cadre records — an imported file against what the database holds —
// for a page where each difference is accepted or rejected on its own.
import {
  FAMILY_ELEMENTS,
  FAMILY_LABEL,
  getText,
  PHOTO_LABEL,
  RETIREMENT_ELEMENT,
  setText,
  TEXT_ELEMENTS,
  type CadreRecord,
  type CadreTextField,
  type FamilyMember,
  type Label,
} from './cadre-record';

export type CadreField = CadreTextField | 'family' | 'photo';

export type CadreDifference =
  | { field: CadreTextField; label: Label; before: string; after: string }
  | { field: 'family'; label: Label; before: FamilyMember[]; after: FamilyMember[] }
  | { field: 'photo'; label: Label; before: Buffer | null; after: Buffer | null };

/** What describes the form rather than the person: the editor's version, who filled it in and when, for whom. */
const FORM_FIELDS = new Set<CadreField>([
  'version',
  'filledOn',
  'filledBy',
  'ageReferenceDate',
  'reportingUnit',
]);

const TEXT_FIELDS = [...TEXT_ELEMENTS, RETIREMENT_ELEMENT];

/** The fields compared unless the caller names others: everything about the person, in the form's order. */
export const PERSON_FIELDS: readonly CadreField[] = [
  ...TEXT_FIELDS.map((e) => e.field).filter((f) => !FORM_FIELDS.has(f)),
  'family',
  'photo',
];

/**
 * Text as compared: line endings (the editor writes CRLF), trailing spaces of lines and blank ends do
 * not make a difference; the ID's check character compares in either case.
 */
function normalize(field: CadreTextField, text: string): string {
  const t = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
  return field === 'idNumber' ? t.toUpperCase() : t;
}

const sameMember = (a: FamilyMember, b: FamilyMember) =>
  FAMILY_ELEMENTS.every((f) => a[f.field].trim() === b[f.field].trim());

const sameFamily = (a: readonly FamilyMember[], b: readonly FamilyMember[]) =>
  a.length === b.length && a.every((m, i) => sameMember(m, b[i]!));

const samePhoto = (a: Buffer | null, b: Buffer | null) => (a && b ? a.equals(b) : a === b);

/** The differences from `before` (the database) to `after` (the file), over `fields`, in that order. */
export function diffCadreRecords(
  before: CadreRecord,
  after: CadreRecord,
  fields: readonly CadreField[] = PERSON_FIELDS,
): CadreDifference[] {
  const out: CadreDifference[] = [];
  for (const field of fields) {
    if (field === 'family') {
      if (!sameFamily(before.family, after.family))
        out.push({ field, label: FAMILY_LABEL, before: before.family, after: after.family });
    } else if (field === 'photo') {
      if (!samePhoto(before.photo, after.photo))
        out.push({ field, label: PHOTO_LABEL, before: before.photo, after: after.photo });
    } else {
      const b = getText(before, field);
      const a = getText(after, field);
      if (normalize(field, b) !== normalize(field, a)) {
        const label = TEXT_FIELDS.find((e) => e.field === field)!.label;
        out.push({ field, label, before: b, after: a });
      }
    }
  }
  return out;
}

/** `before` with the accepted fields taken from `after`; the rest stays as it was. */
export function applyAccepted(
  before: CadreRecord,
  after: CadreRecord,
  accepted: Iterable<CadreField>,
): CadreRecord {
  const out: CadreRecord = {
    ...before,
    fullTimeEducation: { ...before.fullTimeEducation },
    inServiceEducation: { ...before.inServiceEducation },
    family: before.family.map((m) => ({ ...m })),
  };
  for (const field of accepted) {
    if (field === 'family') out.family = after.family.map((m) => ({ ...m }));
    else if (field === 'photo') out.photo = after.photo;
    else setText(out, field, getText(after, field));
  }
  return out;
}
