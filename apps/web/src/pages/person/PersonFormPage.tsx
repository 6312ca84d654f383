// 新增 / 编辑人员: the roster's columns and the cadre record (籍贯, photo, 学历, 简历, family, 奖惩) in one form,
// checked as you type with the shared rules and the server's messages, saved with the version read.
import { MinusCircleOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  PERSON_PHOTO_MAX_BYTES,
  checkWorkHistory,
  fieldMessage,
  isDivisionCode,
  normalizeIdNumber,
  checkPersonDates,
  parseIdNumber,
  type CreatePersonBody,
  type EducationKind,
  type Person,
  type PersonRecord,
} from '@xinhuo/shared';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Form,
  Image,
  Input,
  Select,
  Space,
  Spin,
  Typography,
  Upload,
  type FormInstance,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CADRE_RANKS, CADRE_RANK_LABELS, type CadreRank } from '@xinhuo/shared';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useCodeOptions, useIdNumberRule } from '../../features/person/person-fields';
import { peopleApi } from '../../api/endpoints';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { labels } from '../../lib/labels';
import '../../features/matters/matters.css';
import './person.css';

type Photo = NonNullable<PersonRecord['photo']>;

interface PlaceValues {
  code?: string;
  text?: string;
}
interface EducationValues {
  kind?: EducationKind;
  education?: string;
  school?: string;
  major?: string;
  degree?: string;
  from?: Dayjs;
  to?: Dayjs | null;
}
interface PeriodValues {
  from?: Dayjs;
  to?: Dayjs | null;
  text?: string;
}
interface RelativeValues {
  relation?: string;
  name?: string;
  birthMonth?: Dayjs | null;
  politicalStatus?: string;
  workUnit?: string;
}
interface Values {
  name?: string;
  idNumber?: string;
  gender?: string;
  birthDate?: string;
  ethnicity?: string;
  politicalStatus?: string;
  partyJoinDate?: Dayjs | null;
  workStartDate?: Dayjs | null;
  cadreRank?: CadreRank;
  phone?: string;
  orgId?: string;
  fullTimeEducation?: string;
  inServiceEducation?: string;
  degree?: string;
  major?: string;
  record: {
    nativePlace?: PlaceValues;
    birthPlace?: PlaceValues;
    photo?: Photo | null;
    education?: EducationValues[];
    workHistory?: PeriodValues[];
    family?: RelativeValues[];
    rewardsPunishments?: string;
  };
}

/** The top-level names the server's field paths start with. */
const FIELDS = [
  'name',
  'idNumber',
  'gender',
  'birthDate',
  'ethnicity',
  'politicalStatus',
  'partyJoinDate',
  'workStartDate',
  'cadreRank',
  'phone',
  'orgId',
  'fullTimeEducation',
  'inServiceEducation',
  'degree',
  'major',
  'record',
];

const month = (s: string | null | undefined) => (s ? dayjs(`${s}-01`) : null);
const day = (s: string | null | undefined) => (s ? dayjs(s) : null);
const text = (s: string | undefined | null) => s?.trim() || null;
const ym = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM') : null);

function toValues(p: Person | undefined): Values {
  if (!p) return { ethnicity: '01', record: { education: [], workHistory: [], family: [] } };
  const r = p.record;
  return {
    name: p.name,
    gender: p.gender,
    birthDate: p.birthDate,
    ethnicity: p.ethnicity,
    politicalStatus: p.politicalStatus,
    partyJoinDate: day(p.partyJoinDate),
    workStartDate: day(p.workStartDate),
    cadreRank: p.cadreRank ?? undefined,
    orgId: p.orgId,
    fullTimeEducation: p.fullTimeEducation ?? undefined,
    inServiceEducation: p.inServiceEducation ?? undefined,
    degree: p.degree ?? undefined,
    major: p.major ?? undefined,
    record: {
      nativePlace: { code: r.nativePlace?.code ?? undefined, text: r.nativePlace?.text },
      birthPlace: { code: r.birthPlace?.code ?? undefined, text: r.birthPlace?.text },
      photo: r.photo,
      education: r.education.map((e) => ({
        ...e,
        education: e.education ?? undefined,
        major: e.major ?? undefined,
        degree: e.degree ?? undefined,
        from: month(e.from) ?? undefined,
        to: month(e.to),
      })),
      workHistory: r.workHistory.map((w) => ({ ...w, from: month(w.from) ?? undefined, to: month(w.to) })),
      family: r.family.map((f) => ({
        ...f,
        birthMonth: month(f.birthMonth),
        politicalStatus: f.politicalStatus ?? undefined,
        workUnit: f.workUnit ?? undefined,
      })),
      rewardsPunishments: r.rewardsPunishments ?? undefined,
    },
  };
}

function toRecord(r: Values['record']): PersonRecord {
  const place = (p?: PlaceValues) => (text(p?.text) ? { code: text(p?.code), text: text(p?.text)! } : null);
  return {
    nativePlace: place(r.nativePlace),
    birthPlace: place(r.birthPlace),
    photo: r.photo ?? null,
    education: (r.education ?? []).map((e) => ({
      kind: e.kind ?? 'full_time',
      education: e.education ?? null,
      school: e.school?.trim() ?? '',
      major: text(e.major),
      degree: e.degree ?? null,
      from: ym(e.from) ?? '',
      to: ym(e.to),
    })),
    workHistory: (r.workHistory ?? []).map((w) => ({
      from: ym(w.from) ?? '',
      to: ym(w.to),
      text: w.text?.trim() ?? '',
    })),
    family: (r.family ?? []).map((f) => ({
      relation: f.relation?.trim() ?? '',
      name: f.name?.trim() ?? '',
      birthMonth: ym(f.birthMonth),
      politicalStatus: f.politicalStatus ?? null,
      workUnit: text(f.workUnit),
    })),
    rewardsPunishments: text(r.rewardsPunishments),
  };
}

/** The person's own fields as the API takes them; an empty ID number or phone on an edit keeps the stored one. */
function toBody(v: Values): Omit<CreatePersonBody, 'orgId' | 'idNumber'> & { idNumber?: string } {
  return {
    name: v.name!.trim(),
    ...(text(v.idNumber) ? { idNumber: normalizeIdNumber(v.idNumber!) } : {}),
    ...(text(v.phone) ? { phone: v.phone!.trim() } : {}),
    ethnicity: v.ethnicity!,
    politicalStatus: v.politicalStatus!,
    partyJoinDate: v.partyJoinDate ? v.partyJoinDate.format('YYYY-MM-DD') : null,
    workStartDate: v.workStartDate ? v.workStartDate.format('YYYY-MM-DD') : null,
    cadreRank: v.cadreRank ?? null,
    fullTimeEducation: v.fullTimeEducation ?? null,
    inServiceEducation: v.inServiceEducation ?? null,
    degree: v.degree ?? null,
    major: text(v.major),
    record: toRecord(v.record),
  };
}

/**
 * The ID number's region not among the listed GB/T 2260 county codes: said as a warning under the field,
 * never a block (an ID keeps the code of its year of issue, and the list may miss one).
 */
function useIdRegionWarning() {
  const lang = useLanguage();
  return {
    warningOnly: true,
    validator: async (_: unknown, raw: string | undefined) => {
      if (!raw?.trim()) return;
      const parsed = parseIdNumber(normalizeIdNumber(raw), dayjs().format('YYYY-MM-DD'));
      if (parsed.ok && !parsed.regionListed) throw new Error(fieldMessage('ID_REGION_UNLISTED', lang));
    },
  };
}

/** A date of the person checked as the server and the import check it (`checkPersonDates`), as typed. */
function usePersonDateRule(field: 'partyJoinDate' | 'workStartDate') {
  const lang = useLanguage();
  return ({ getFieldValue }: { getFieldValue: (name: string) => unknown }) => ({
    validator: async (_: unknown, value: Dayjs | null | undefined) => {
      const birthDate = getFieldValue('birthDate');
      if (!value || typeof birthDate !== 'string' || !birthDate) return;
      const issue = checkPersonDates(
        { birthDate, [field]: value.format('YYYY-MM-DD') },
        dayjs().format('YYYY-MM-DD'),
      ).find((i) => i.field === field);
      if (issue) throw new Error(fieldMessage(issue.reason, lang));
    },
  });
}

function PhotoField({ value, onChange }: { value?: Photo | null; onChange?: (p: Photo | null) => void }) {
  const t = useT();
  return (
    <Space align="start" wrap>
      {value && (
        <Image
          width={90}
          src={`data:${value.type};base64,${value.data}`}
          alt={t('personForm.photo')}
          data-testid="person-photo-preview"
        />
      )}
      <Space orientation="vertical">
        <Upload
          accept="image/jpeg,image/png"
          showUploadList={false}
          beforeUpload={(file) => {
            const reader = new FileReader();
            reader.onload = () => {
              const url = String(reader.result);
              const type = file.type === 'image/png' ? 'image/png' : 'image/jpeg';
              onChange?.({ type, data: url.slice(url.indexOf(',') + 1) });
            };
            reader.readAsDataURL(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>{t('personForm.photoPick')}</Button>
        </Upload>
        {value && (
          <Button size="small" onClick={() => onChange?.(null)}>
            {t('personForm.photoRemove')}
          </Button>
        )}
      </Space>
    </Space>
  );
}

function PlaceField({ name, label }: { name: 'nativePlace' | 'birthPlace'; label: string }) {
  const t = useT();
  const lang = useLanguage();
  return (
    <Form.Item label={label} style={{ marginBottom: 0 }}>
      <Space.Compact block>
        <Form.Item
          name={['record', name, 'code']}
          style={{ width: '40%' }}
          rules={[
            {
              validator: async (_: unknown, v: string | undefined) => {
                if (v?.trim() && !isDivisionCode(v.trim()))
                  throw new Error(fieldMessage('REGION_CODE_UNKNOWN', lang));
              },
            },
          ]}
        >
          <Input placeholder={t('personForm.placeCode')} maxLength={6} inputMode="numeric" />
        </Form.Item>
        <Form.Item name={['record', name, 'text']} style={{ width: '60%' }} rules={[{ max: 60 }]}>
          <Input placeholder={t('personForm.placeText')} maxLength={60} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

/** A row list of the record: rows of fields, a remove button, an add button. */
function RowList({
  name,
  addLabel,
  newRow,
  testId,
  children,
}: {
  name: 'education' | 'workHistory' | 'family';
  addLabel: string;
  newRow: () => object;
  testId: string;
  children: (row: number) => ReactNode;
}) {
  const t = useT();
  return (
    <Form.List name={['record', name]}>
      {(rows, { add, remove }) => (
        <div data-testid={testId}>
          {rows.map((row, i) => (
            <div key={row.key} className="xh-record-row">
              <span className="xh-record-index">{i + 1}</span>
              <div className="xh-record-fields">{children(row.name)}</div>
              <Button
                type="text"
                icon={<MinusCircleOutlined />}
                aria-label={t('personForm.remove')}
                onClick={() => remove(row.name)}
              />
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(newRow())}>
            {addLabel}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

/** The shared 简历 rule on the rows as typed: gaps, overlaps, reversed and open periods, by row. */
function WorkHistoryIssues({ form }: { form: FormInstance<Values> }) {
  const t = useT();
  const lang = useLanguage();
  const rows = Form.useWatch(['record', 'workHistory'], form) as PeriodValues[] | undefined;
  const periods = (rows ?? []).filter((r) => r?.from);
  if (periods.length !== (rows ?? []).length) return null;
  const issues = checkWorkHistory(periods.map((r) => ({ from: ym(r.from)!, to: ym(r.to), text: '' })));
  if (issues.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="xh-section"
      data-testid="work-history-issues"
      title={issues.map((i) => (
        <div key={`${i.index}-${i.reason}`}>
          {t('personForm.periodIssue', { n: i.index + 1, message: fieldMessage(i.reason, lang) })}
        </div>
      ))}
    />
  );
}

function PersonForm({ person, onReload }: { person?: Person; onReload: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const codes = useCodeOptions();
  const idRule = useIdNumberRule(!person);
  const idRegionWarning = useIdRegionWarning();
  const partyJoinRule = usePersonDateRule('partyJoinDate');
  const workStartRule = usePersonDateRule('workStartDate');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [pending, setPending] = useState<string | null>(null);
  const required = { required: true, message: fieldMessage('required', lang) };
  const monthPicker = <DatePicker picker="month" format="YYYY-MM" style={{ width: '100%' }} />;

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body = toBody(v);
      const saved = person
        ? await peopleApi.update(person.id, { ...body, version: person.version })
        : await peopleApi.create({ ...body, idNumber: body.idNumber!, orgId: v.orgId! });
      if ('status' in saved) {
        setPending(saved.message);
        return;
      }
      queryClient.setQueryData(['people', 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['people', 'list'] });
      void navigate(`/people/${encodeURIComponent(saved.id)}`);
    } catch (e) {
      if (isApiError(e) && e.code === 'VERSION_CONFLICT') setStale(true);
      else {
        applyServerFieldErrors(form, e, FIELDS);
        setError(e instanceof Error ? e.message : String(e));
      }
    } finally {
      setBusy(false);
    }
  };

  if (pending)
    return (
      <Alert
        type="info"
        showIcon
        title={t('personForm.pending')}
        description={pending}
        data-testid="person-form-pending"
        action={<Link to="/roster">{t('personForm.backToRoster')}</Link>}
      />
    );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={toValues(person)}
      onFinish={(v) => void onFinish(v)}
      scrollToFirstError
      data-testid="person-form"
      onValuesChange={(changed: Partial<Values>) => {
        // The ID number carries the birth date and the gender: they are filled from it, never typed.
        if (changed.idNumber === undefined) return;
        const parsed = parseIdNumber(normalizeIdNumber(changed.idNumber), dayjs().format('YYYY-MM-DD'));
        if (parsed.ok) form.setFieldsValue({ birthDate: parsed.birthDate, gender: parsed.gender });
      }}
    >
      {stale && (
        <Alert
          type="warning"
          showIcon
          className="xh-form-alert"
          title={t('personForm.stale')}
          data-testid="person-form-stale"
          action={
            <Button size="small" onClick={onReload}>
              {t('personForm.reload')}
            </Button>
          }
        />
      )}
      {error && <Alert type="error" showIcon title={error} className="xh-form-alert" />}

      <Card size="small" title={t('personForm.basic')}>
        <div className="xh-form-row">
          <Form.Item
            name="name"
            label={t('personForm.name')}
            rules={[{ ...required, whitespace: true }, { max: 50 }]}
          >
            <Input maxLength={50} data-testid="pf-name" />
          </Form.Item>
          <Form.Item
            name="idNumber"
            label={t('personForm.idNumber')}
            rules={[idRule, idRegionWarning]}
            extra={
              person
                ? t('personForm.idNumberKeep', { masked: person.idNumberMasked })
                : t('personForm.idNumberHint')
            }
          >
            <Input maxLength={18} className="xh-mono" autoComplete="off" data-testid="pf-id-number" />
          </Form.Item>
          <Form.Item name="birthDate" label={t('personForm.birthDate')} extra={t('personForm.fromId')}>
            <Input disabled data-testid="pf-birth-date" />
          </Form.Item>
          <Form.Item name="gender" label={t('personForm.gender')}>
            <Select
              disabled
              data-testid="pf-gender"
              options={['1', '2'].map((g) => ({ value: g, label: labels.gender(g, lang) }))}
            />
          </Form.Item>
          <Form.Item name="ethnicity" label={t('personForm.ethnicity')} rules={[required]}>
            <Select showSearch optionFilterProp="label" options={codes.ethnicity} />
          </Form.Item>
          <Form.Item name="politicalStatus" label={t('personForm.politicalStatus')} rules={[required]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={codes.political}
              data-testid="pf-political-status"
            />
          </Form.Item>
          <Form.Item
            name="partyJoinDate"
            label={t('personForm.partyJoinDate')}
            dependencies={['idNumber', 'birthDate']}
            rules={[partyJoinRule]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="pf-party-join-date" />
          </Form.Item>
          <Form.Item
            name="workStartDate"
            label={t('personForm.workStartDate')}
            dependencies={['idNumber', 'birthDate']}
            rules={[workStartRule]}
          >
            <DatePicker style={{ width: '100%' }} data-testid="pf-work-start-date" />
          </Form.Item>
          <Form.Item name="cadreRank" label={t('personForm.cadreRank')} extra={t('personForm.cadreRankHint')}>
            <Select
              allowClear
              data-testid="pf-cadre-rank"
              options={CADRE_RANKS.map((r) => ({
                value: r,
                label: CADRE_RANK_LABELS[r][lang === 'en' ? 'en' : 'zh'],
              }))}
            />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('personForm.phone')}
            extra={
              person?.phoneMasked ? t('personForm.idNumberKeep', { masked: person.phoneMasked }) : undefined
            }
            rules={[{ pattern: /^\s*1\d{10}\s*$/, message: fieldMessage('PHONE_FORMAT', lang) }]}
          >
            <Input maxLength={20} inputMode="tel" autoComplete="off" />
          </Form.Item>
          {!person && (
            <Form.Item name="orgId" label={t('personForm.org')} rules={[required]}>
              <OrgTreeSelect selectable={(o) => o.kind === 'village'} testId="pf-org" />
            </Form.Item>
          )}
        </div>
        <div className="xh-form-row">
          <PlaceField name="nativePlace" label={t('personForm.nativePlace')} />
          <PlaceField name="birthPlace" label={t('personForm.birthPlace')} />
        </div>
        <Form.Item
          name={['record', 'photo']}
          label={t('personForm.photo')}
          extra={t('personForm.photoHint')}
          rules={[
            {
              validator: async (_: unknown, p: Photo | null | undefined) => {
                if (p && Math.floor((p.data.length * 3) / 4) > PERSON_PHOTO_MAX_BYTES)
                  throw new Error(fieldMessage('PHOTO_TOO_LARGE', lang));
              },
            },
          ]}
        >
          <PhotoField />
        </Form.Item>
      </Card>

      <Card size="small" title={t('personForm.education')} className="xh-section">
        <div className="xh-form-row">
          <Form.Item name="fullTimeEducation" label={t('personForm.fullTimeEducation')}>
            <Select allowClear showSearch optionFilterProp="label" options={codes.education} />
          </Form.Item>
          <Form.Item name="inServiceEducation" label={t('personForm.inServiceEducation')}>
            <Select allowClear showSearch optionFilterProp="label" options={codes.education} />
          </Form.Item>
          <Form.Item name="degree" label={t('personForm.degree')}>
            <Select allowClear options={codes.degree} />
          </Form.Item>
          <Form.Item name="major" label={t('personForm.major')} rules={[{ max: 60 }]}>
            <Input maxLength={60} />
          </Form.Item>
        </div>
        <RowList
          name="education"
          testId="pf-education"
          addLabel={t('personForm.addEducation')}
          newRow={() => ({ kind: 'full_time' })}
        >
          {(row) => (
            <>
              <Form.Item name={[row, 'kind']} label={t('personForm.eduKind')} rules={[required]}>
                <Select
                  options={(['full_time', 'in_service'] as const).map((k) => ({
                    value: k,
                    label: t(`personForm.eduKind.${k}`),
                  }))}
                />
              </Form.Item>
              <Form.Item name={[row, 'education']} label={t('personForm.eduLevel')}>
                <Select allowClear showSearch optionFilterProp="label" options={codes.education} />
              </Form.Item>
              <Form.Item
                name={[row, 'school']}
                label={t('personForm.school')}
                rules={[{ ...required, whitespace: true }, { max: 80 }]}
              >
                <Input maxLength={80} />
              </Form.Item>
              <Form.Item name={[row, 'major']} label={t('personForm.major')} rules={[{ max: 60 }]}>
                <Input maxLength={60} />
              </Form.Item>
              <Form.Item name={[row, 'degree']} label={t('personForm.degree')}>
                <Select allowClear options={codes.degree} />
              </Form.Item>
              <Form.Item name={[row, 'from']} label={t('personForm.from')} rules={[required]}>
                {monthPicker}
              </Form.Item>
              <Form.Item name={[row, 'to']} label={t('personForm.to')}>
                {monthPicker}
              </Form.Item>
            </>
          )}
        </RowList>
      </Card>

      <Card size="small" title={t('personForm.workHistory')} className="xh-section">
        <Typography.Paragraph type="secondary">{t('personForm.workHistoryHint')}</Typography.Paragraph>
        <RowList
          name="workHistory"
          testId="pf-work-history"
          addLabel={t('personForm.addPeriod')}
          newRow={() => ({})}
        >
          {(row) => (
            <>
              <Form.Item name={[row, 'from']} label={t('personForm.from')} rules={[required]}>
                {monthPicker}
              </Form.Item>
              <Form.Item name={[row, 'to']} label={t('personForm.to')}>
                <DatePicker
                  picker="month"
                  format="YYYY-MM"
                  style={{ width: '100%' }}
                  placeholder={t('personForm.toOpen')}
                />
              </Form.Item>
              <Form.Item
                name={[row, 'text']}
                label={t('personForm.workText')}
                className="xh-record-wide"
                rules={[{ ...required, whitespace: true }, { max: 200 }]}
              >
                <Input maxLength={200} />
              </Form.Item>
            </>
          )}
        </RowList>
        <WorkHistoryIssues form={form} />
      </Card>

      <Card size="small" title={t('personForm.family')} className="xh-section">
        <RowList name="family" testId="pf-family" addLabel={t('personForm.addRelative')} newRow={() => ({})}>
          {(row) => (
            <>
              <Form.Item
                name={[row, 'relation']}
                label={t('personForm.relation')}
                rules={[{ ...required, whitespace: true }, { max: 10 }]}
              >
                <Input maxLength={10} />
              </Form.Item>
              <Form.Item
                name={[row, 'name']}
                label={t('personForm.relativeName')}
                rules={[{ ...required, whitespace: true }, { max: 50 }]}
              >
                <Input maxLength={50} autoComplete="off" />
              </Form.Item>
              <Form.Item name={[row, 'birthMonth']} label={t('personForm.birthMonth')}>
                {monthPicker}
              </Form.Item>
              <Form.Item name={[row, 'politicalStatus']} label={t('personForm.politicalStatus')}>
                <Select allowClear showSearch optionFilterProp="label" options={codes.political} />
              </Form.Item>
              <Form.Item
                name={[row, 'workUnit']}
                label={t('personForm.workUnit')}
                className="xh-record-wide"
                rules={[{ max: 120 }]}
              >
                <Input maxLength={120} />
              </Form.Item>
            </>
          )}
        </RowList>
      </Card>

      <Card size="small" title={t('personForm.rewards')} className="xh-section">
        <Form.Item
          name={['record', 'rewardsPunishments']}
          label={t('personForm.rewardsPunishments')}
          rules={[{ max: 2000 }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      </Card>

      <Space className="xh-section">
        <Button type="primary" htmlType="submit" loading={busy} data-testid="person-save">
          {t('personForm.save')}
        </Button>
        <Button
          onClick={() => void navigate(person ? `/people/${encodeURIComponent(person.id)}` : '/roster')}
        >
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

export default function PersonFormPage() {
  const t = useT();
  const { id } = useParams();
  const person = useQuery({
    queryKey: ['people', 'detail', id],
    queryFn: ({ signal }) => peopleApi.get(id!, signal),
    enabled: Boolean(id),
  });
  if (id && person.isError)
    return (
      <QueryError
        error={person.error}
        onRetry={() => void person.refetch()}
        notFoundTitle={t('person.notFound')}
      />
    );
  if (id && !person.data) return <Spin size="large" className="xh-page-spin" />;
  return (
    <div data-testid="person-form-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>
          {id ? `${t('personForm.editTitle')} · ${person.data!.name}` : t('personForm.new')}
        </Typography.Title>
      </div>
      {/* Keyed by version: a reload after a stale edit starts the form again from the latest record. */}
      <PersonForm
        key={person.data?.version ?? 'new'}
        person={person.data}
        onReload={() => void person.refetch()}
      />
    </div>
  );
}
