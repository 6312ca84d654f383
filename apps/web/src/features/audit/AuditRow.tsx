// One audit row for people: the object it concerns (its kind, its name as the trail recorded it, a link
// when the reader may open it) and its details as a readable diff (field names, old → new, masked values
// marked as such). Nothing is looked up beyond what the row holds: the auditor reads the trail, not the roster.
import { Link } from 'react-router';
import { Tag, Typography } from 'antd';
import {
  auditActionLabel,
  auditFieldLabel,
  auditObjectTypeLabel,
  type AuditEntry,
  type Permission,
} from '@xinhuo/shared';
import { hasPermission, useMe } from '../../auth/me-context';
import { useLanguage, useT } from '../../i18n/use-t';
import { labels } from '../../lib/labels';
import type { Language } from '../../i18n/language-store';
import './audit.css';
import { joinList } from '../../lib/format';

type Details = Record<string, unknown>;

/** Where an object opens, and the permission that lets its reader see it there. */
const OPENS: Record<string, { path: (id: string) => string; permission: Permission }> = {
  person: { path: (id) => `/people/${id}`, permission: 'roster:read' },
  matter: { path: (id) => `/matters/${id}`, permission: 'matters:read' },
  meeting: { path: (id) => `/meetings/${id}`, permission: 'meetings:read' },
  org: { path: (id) => `/orgs/${id}`, permission: 'org:read' },
  election: { path: (id) => `/elections/${id}`, permission: 'election:read' },
};

const asDetails = (v: unknown): Details =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Details) : {};

/** The object's name as the trail recorded it (a person's masked name, a meeting's title, a matter's number). */
function recordedName(d: Details): string | null {
  for (const k of ['subject', 'title', 'name', 'code', 'docNo', 'username', 'fileName']) {
    const v = d[k];
    if (typeof v === 'string' && v.trim()) return v;
  }
  return null;
}

export function AuditObject({ entry }: { entry: AuditEntry }) {
  const me = useMe();
  const lang = useLanguage();
  const code = lang === 'en' ? 'en' : 'zh';
  if (!entry.objectType) return <>–</>;
  const kind = auditObjectTypeLabel(entry.objectType, code);
  const name = recordedName(asDetails(entry.details));
  const text = name ? `${kind} — ${name}` : kind;
  const opens = OPENS[entry.objectType];
  const id = entry.objectId;
  if (opens && id && hasPermission(me, opens.permission))
    return (
      <Link to={opens.path(encodeURIComponent(id))} data-testid="audit-object-link">
        {text}
      </Link>
    );
  return (
    <Typography.Text title={id ?? undefined} data-testid="audit-object">
      {text}
    </Typography.Text>
  );
}

const CODED: Record<string, (v: string, lang: Language) => string> = {
  gender: labels.gender,
  ethnicity: labels.ethnicity,
  politicalStatus: labels.politicalStatus,
  degree: labels.degree,
  fullTimeEducation: labels.education,
  inServiceEducation: labels.education,
  highestEducation: labels.education,
  role: labels.role,
};

const LIST_MAX = 5;

function valueText(field: string, v: unknown, lang: Language, code: 'zh' | 'en'): string {
  if (v === null || v === undefined || v === '') return '∅';
  if (field === 'action' && typeof v === 'string') return auditActionLabel(`matter_${v}`, code);
  if (typeof v === 'string') return CODED[field]?.(v, lang) || v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) {
    // Long id lists (a sweep's unit parts) show their first few and how many more.
    const shown = v.slice(0, LIST_MAX).map((x) => (field === 'fields' ? auditFieldLabel(x, code) : x));
    const more = v.length > LIST_MAX ? ` … (+${v.length - LIST_MAX})` : '';
    return joinList(shown, lang) + more;
  }
  return JSON.stringify(v);
}

const isEmpty = (v: unknown) =>
  v === null ||
  v === undefined ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/** Keys already shown elsewhere in the row (the object's name) or listed by the diff itself. */
const SHOWN = new Set(['subject', 'changes']);

export function AuditDetails({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const lang = useLanguage();
  const code = lang === 'en' ? 'en' : 'zh';
  const d = asDetails(entry.details);
  const changes = asDetails(d.changes);
  const diff = Object.entries(changes).map(([field, c]) => {
    const { from, to, masked } = asDetails(c);
    return (
      <li key={field} data-testid="audit-diff">
        <span className="xh-audit-field">{auditFieldLabel(field, code)}</span>
        {t('audit.colon')}
        <span className="xh-audit-old">{valueText(field, from, lang, code)}</span>
        {' → '}
        <span className="xh-audit-new">{valueText(field, to, lang, code)}</span>
        {masked === true && (
          <Tag className="xh-audit-masked" variant="filled">
            {t('audit.masked')}
          </Tag>
        )}
      </li>
    );
  });
  const rest = Object.entries(d)
    .filter(([k, v]) => !SHOWN.has(k) && !(k === 'fields' && diff.length > 0) && !isEmpty(v))
    .map(([k, v]) => (
      <li key={k}>
        <span className="xh-audit-field">{auditFieldLabel(k, code)}</span>
        {t('audit.colon')}
        {valueText(k, v, lang, code)}
      </li>
    ));
  if (diff.length === 0 && rest.length === 0) return <>–</>;
  return (
    <ul className="xh-audit-details-list">
      {diff}
      {rest}
    </ul>
  );
}
