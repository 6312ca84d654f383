// 届次与任职: a village's terms with their seats (holder, post, from–to, why it ended), the mid-term
// adjustments with their filing records, and the actions 开启新一届 / 任职 / 免职 / 届中调整 / 结束本届.
// Forms check as they are typed with the server's own field messages, and show the server's on submit.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type ButtonProps,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import {
  PARTY_COMMITTEE_ROLES,
  SEAT_END_REASONS,
  SEAT_END_REASON_LABELS,
  VILLAGERS_COMMITTEE_ROLES,
  addYearsIso,
  DEFAULT_TERM_YEARS,
  fieldMessage,
  isoDate,
  type Committee,
  type PositionRole,
  type Seat,
  type SeatEndReason,
  type Term,
} from '@xinhuo/shared';
import { isApiError } from '../../api/client';
import { termsApi } from '../../api/endpoints';
import { hasPermission, useMe } from '../../auth/me-context';
import { PersonSelect } from '../../components/PersonSelect';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT } from '../../i18n/use-t';
import type { Language } from '../../i18n/language-store';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { labels } from '../../lib/labels';

type Action =
  | { kind: 'open' }
  | { kind: 'appoint'; term: Term }
  | { kind: 'endTerm'; term: Term }
  | { kind: 'endSeat'; term: Term; seat: Seat }
  | { kind: 'adjust'; term: Term; seat: Seat };

interface FormValues {
  committee?: Committee;
  name?: string;
  electionDate?: string;
  endDate?: string;
  personId?: string;
  role?: PositionRole;
  startDate?: string;
  reason?: SeatEndReason;
  date?: string;
  successorPersonId?: string;
  filingNumber?: string;
  filingDate?: string;
  approvingBody?: string;
  note?: string;
}

const FIELDS = [
  'committee',
  'name',
  'electionDate',
  'endDate',
  'personId',
  'role',
  'startDate',
  'reason',
  'date',
  'successorPersonId',
  'filingNumber',
  'filingDate',
  'approvingBody',
  'note',
] as const;

const reasonLabel = (r: SeatEndReason | null, lang: Language) =>
  r ? SEAT_END_REASON_LABELS[r][lang === 'en' ? 'en' : 'zh'] : '';

/** Form rules in the server's words: the same reason codes, the same messages. */
function useRules() {
  const t = useT();
  const lang = useLanguage();
  const msg = (reason: string) => fieldMessage(reason, lang);
  const required = { required: true, whitespace: true, message: t('terms.required') };
  const date = {
    validator: (_: unknown, v?: string) =>
      !v || isoDate.safeParse(v).success ? Promise.resolve() : Promise.reject(new Error(msg('DATE_FORMAT'))),
  };
  /** A date inside [from, to) — a seat starts inside its term. */
  const within = (from: string, to: string, inclusiveEnd = false) => ({
    validator: (_: unknown, v?: string) =>
      !v || (v >= from && (inclusiveEnd ? v <= to : v < to))
        ? Promise.resolve()
        : Promise.reject(new Error(msg('SEAT_DATE_OUTSIDE_TERM'))),
  });
  const after = (start: string, reason: string) => ({
    validator: (_: unknown, v?: string) =>
      !v || !start || v > start ? Promise.resolve() : Promise.reject(new Error(msg(reason))),
  });
  const notBefore = (start: string, reason: string) => ({
    validator: (_: unknown, v?: string) =>
      !v || v >= start ? Promise.resolve() : Promise.reject(new Error(msg(reason))),
  });
  return { required, date, within, after, notBefore };
}

function ActionModal({ orgId, action, onClose }: { orgId: string; action: Action; onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const rules = useRules();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const electionDate = Form.useWatch('electionDate', form);

  const save = useMutation({
    mutationFn: async (v: FormValues) => {
      switch (action.kind) {
        case 'open':
          return termsApi.open(orgId, {
            committee: v.committee!,
            electionDate: v.electionDate!,
            ...(v.name?.trim() ? { name: v.name.trim() } : {}),
            ...(v.endDate ? { endDate: v.endDate } : {}),
          });
        case 'appoint':
          return termsApi.appoint(action.term.id, {
            personId: v.personId!,
            role: v.role!,
            startDate: v.startDate!,
          });
        case 'endTerm':
          return termsApi.endTerm(action.term.id, { endDate: v.endDate! });
        case 'endSeat':
          return termsApi.endSeat(action.seat.id, { endDate: v.endDate!, reason: v.reason! });
        case 'adjust':
          return termsApi.adjust(action.seat.id, {
            date: v.date!,
            reason: v.reason!,
            successorPersonId: v.successorPersonId!,
            filingNumber: v.filingNumber!.trim(),
            filingDate: v.filingDate!,
            approvingBody: v.approvingBody!.trim(),
            ...(v.note?.trim() ? { note: v.note.trim() } : {}),
          });
      }
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['terms', orgId] });
      void message.success(t('terms.saved'));
      onClose();
    },
    onError: (e) => {
      // successorPersonId and the like land on their fields; anything else shows above the form.
      if (!applyServerFieldErrors(form, e, FIELDS) || (isApiError(e) && e.code !== 'VALIDATION_FAILED'))
        setError(isApiError(e) ? e.message : String(e));
    },
  });

  const term = 'term' in action ? action.term : null;
  const seat = 'seat' in action ? action.seat : null;
  const title = {
    open: t('terms.open'),
    appoint: t('terms.appoint'),
    endTerm: t('terms.endTerm'),
    endSeat: t('terms.endSeat'),
    adjust: t('terms.adjust'),
  }[action.kind];
  const roles = term?.committee === 'party' ? PARTY_COMMITTEE_ROLES : VILLAGERS_COMMITTEE_ROLES;
  const reasonOptions = SEAT_END_REASONS.map((r) => ({ value: r, label: reasonLabel(r, lang) }));
  const dateInput = (testId: string) => <Input type="date" data-testid={testId} />;

  return (
    <Modal
      open
      title={seat ? `${title} · ${seat.personName}（${labels.positionRole(seat.role, lang)}）` : title}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'terms-submit' } as ButtonProps}
    >
      {error && (
        <Alert type="error" showIcon message={error} className="xh-section" data-testid="terms-error" />
      )}
      <Form<FormValues>
        form={form}
        layout="vertical"
        validateTrigger={['onChange', 'onBlur']}
        initialValues={{ committee: 'party' }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        {action.kind === 'open' && (
          <>
            <Form.Item name="committee" label={t('terms.committee')} rules={[rules.required]}>
              <Select
                data-testid="terms-committee"
                options={(['party', 'villagers'] as const).map((c) => ({
                  value: c,
                  label: t(`terms.committee.${c}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              name="electionDate"
              label={t('terms.electionDate')}
              rules={[rules.required, rules.date]}
            >
              {dateInput('terms-election-date')}
            </Form.Item>
            <Form.Item
              name="endDate"
              label={t('terms.endDate')}
              extra={
                electionDate && isoDate.safeParse(electionDate).success
                  ? `${t('terms.endDateHint')}：${addYearsIso(electionDate, DEFAULT_TERM_YEARS)}`
                  : t('terms.endDateHint')
              }
              dependencies={['electionDate']}
              rules={[rules.date, rules.after(electionDate ?? '', 'TERM_END_BEFORE_START')]}
            >
              {dateInput('terms-end-date')}
            </Form.Item>
            <Form.Item name="name" label={t('terms.name')}>
              <Input maxLength={40} placeholder={t('terms.namePlaceholder')} />
            </Form.Item>
          </>
        )}
        {action.kind === 'appoint' && term && (
          <>
            <Form.Item name="personId" label={t('terms.person')} rules={[rules.required]}>
              <PersonSelect orgId={orgId} testId="terms-person" />
            </Form.Item>
            <Form.Item name="role" label={t('terms.role')} rules={[rules.required]}>
              <Select
                data-testid="terms-role"
                options={roles.map((r) => ({ value: r, label: labels.positionRole(r, lang) }))}
              />
            </Form.Item>
            <Form.Item
              name="startDate"
              label={t('terms.startDate')}
              initialValue={term.startDate}
              rules={[rules.required, rules.date, rules.within(term.startDate, term.endDate)]}
            >
              {dateInput('terms-start-date')}
            </Form.Item>
          </>
        )}
        {action.kind === 'endTerm' && term && (
          <>
            <Typography.Paragraph type="secondary">{t('terms.endTermHint')}</Typography.Paragraph>
            <Form.Item
              name="endDate"
              label={t('terms.seatEndDate')}
              initialValue={term.endDate}
              rules={[rules.required, rules.date, rules.within(term.startDate, term.endDate, true)]}
            >
              {dateInput('terms-end-date')}
            </Form.Item>
          </>
        )}
        {(action.kind === 'endSeat' || action.kind === 'adjust') && term && seat && (
          <>
            <Form.Item
              name={action.kind === 'adjust' ? 'date' : 'endDate'}
              label={action.kind === 'adjust' ? t('terms.adjustDate') : t('terms.seatEndDate')}
              rules={[
                rules.required,
                rules.date,
                rules.notBefore(seat.startDate, 'SEAT_END_BEFORE_START'),
                rules.within(term.startDate, term.endDate, action.kind === 'endSeat'),
              ]}
            >
              {dateInput('terms-seat-end-date')}
            </Form.Item>
            <Form.Item name="reason" label={t('terms.reason')} rules={[rules.required]}>
              <Select data-testid="terms-reason" options={reasonOptions} />
            </Form.Item>
          </>
        )}
        {action.kind === 'adjust' && seat && (
          <>
            <Form.Item name="successorPersonId" label={t('terms.successor')} rules={[rules.required]}>
              <PersonSelect orgId={orgId} testId="terms-successor" />
            </Form.Item>
            <Typography.Text strong>{t('terms.filing')}</Typography.Text>
            <Form.Item name="filingNumber" label={t('terms.filingNumber')} rules={[rules.required]}>
              <Input maxLength={60} data-testid="terms-filing-number" />
            </Form.Item>
            <Form.Item name="filingDate" label={t('terms.filingDate')} rules={[rules.required, rules.date]}>
              {dateInput('terms-filing-date')}
            </Form.Item>
            <Form.Item name="approvingBody" label={t('terms.approvingBody')} rules={[rules.required]}>
              <Input maxLength={60} data-testid="terms-approving-body" />
            </Form.Item>
            <Form.Item name="note" label={t('terms.note')}>
              <Input.TextArea maxLength={500} rows={2} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

function TermCard({
  term,
  canWrite,
  onAction,
}: {
  term: Term;
  canWrite: boolean;
  onAction: (a: Action) => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const open = term.endedOn === null;
  // A term past its end date but not yet ended (its seats still open) is shown as such, not as current.
  const today = dayjs().format('YYYY-MM-DD');
  return (
    <Card
      size="small"
      className="xh-section"
      data-testid="term-card"
      title={
        <Space wrap size={4}>
          <span>{t(`terms.committee.${term.committee}`)}</span>
          <span>{term.name}</span>
          {!open ? (
            <Tag>{t('terms.ended')}</Tag>
          ) : term.endDate <= today ? (
            <Tag color="orange">{t('terms.pastEnd')}</Tag>
          ) : (
            <Tag color="green">{t('terms.current')}</Tag>
          )}
        </Space>
      }
      extra={
        canWrite && open ? (
          <Space wrap size={4}>
            <Button
              size="small"
              onClick={() => onAction({ kind: 'appoint', term })}
              data-testid="term-appoint"
            >
              {t('terms.appoint')}
            </Button>
            <Button size="small" onClick={() => onAction({ kind: 'endTerm', term })} data-testid="term-end">
              {t('terms.endTerm')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">
        {t('terms.electionDate')} {term.electionDate} ·{' '}
        {t('terms.period', { from: term.startDate, to: term.endDate })}
      </Typography.Paragraph>
      <Table<Seat>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={term.seats}
        data-testid="term-seats"
        locale={{ emptyText: t('common.empty') }}
        columns={[
          { title: t('terms.holder'), dataIndex: 'personName' },
          { title: t('terms.role'), dataIndex: 'role', render: (r: string) => labels.positionRole(r, lang) },
          { title: t('terms.from'), dataIndex: 'startDate' },
          {
            title: t('terms.to'),
            dataIndex: 'endDate',
            render: (d: string | null) => d ?? t('common.present'),
          },
          {
            title: t('terms.reason'),
            dataIndex: 'endReason',
            render: (r: SeatEndReason | null) => reasonLabel(r, lang) || '–',
          },
          ...(canWrite && open
            ? [
                {
                  key: 'actions',
                  title: '',
                  render: (_: unknown, seat: Seat) =>
                    seat.endDate === null ? (
                      <Space size={0} wrap>
                        <Button
                          type="link"
                          size="small"
                          onClick={() => onAction({ kind: 'endSeat', term, seat })}
                          data-testid="seat-end"
                        >
                          {t('terms.endSeat')}
                        </Button>
                        <Button
                          type="link"
                          size="small"
                          onClick={() => onAction({ kind: 'adjust', term, seat })}
                          data-testid="seat-adjust"
                        >
                          {t('terms.adjust')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      {term.adjustments.length > 0 && (
        <List
          size="small"
          header={<Typography.Text strong>{t('terms.adjustments')}</Typography.Text>}
          data-testid="term-adjustments"
          dataSource={term.adjustments}
          renderItem={(a) => (
            <List.Item>
              <Space orientation="vertical" size={0}>
                <Typography.Text>
                  {t('terms.adjustLine', {
                    date: a.date,
                    role: labels.positionRole(a.role, lang),
                    from: a.endedPersonName,
                    to: a.successorPersonName,
                    reason: reasonLabel(a.reason, lang),
                  })}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {t('terms.filingLine', {
                    number: a.filingNumber,
                    date: a.filingDate,
                    body: a.approvingBody,
                  })}
                  {a.note ? ` · ${a.note}` : ''}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function TermsSection({ orgId }: { orgId: string }) {
  const t = useT();
  const me = useMe();
  const canWrite = hasPermission(me, 'roster:write');
  const [action, setAction] = useState<Action | null>(null);
  const terms = useQuery({
    queryKey: ['terms', orgId],
    queryFn: ({ signal }) => termsApi.list(orgId, signal),
  });
  return (
    <Card
      size="small"
      title={t('terms.title')}
      className="xh-section"
      data-testid="terms-section"
      extra={
        canWrite ? (
          <Button
            type="primary"
            size="small"
            onClick={() => setAction({ kind: 'open' })}
            data-testid="term-open"
          >
            {t('terms.open')}
          </Button>
        ) : null
      }
    >
      {terms.isError ? (
        <QueryError error={terms.error} onRetry={() => void terms.refetch()} />
      ) : terms.data && terms.data.items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('terms.empty')} />
      ) : (
        (terms.data?.items ?? []).map((term) => (
          <TermCard key={term.id} term={term} canWrite={canWrite} onAction={setAction} />
        ))
      )}
      {action && <ActionModal orgId={orgId} action={action} onClose={() => setAction(null)} />}
    </Card>
  );
}
