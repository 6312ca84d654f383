// 职位与候选人: the seats with their candidates (re-standing or new, vetting so far), and the nomination form —
// a person of the roster picked by name, or a new person checked as the person form checks one.
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  PARTY_COMMITTEE_ROLES,
  VILLAGERS_COMMITTEE_ROLES,
  fieldMessage,
  normalizeIdNumber,
  type AddCandidateBody,
  type CampaignCandidate,
  type CampaignOrgDetail,
  type Committee,
  type PositionRole,
} from '@xinhuo/shared';
import { isApiError } from '../../api/client';
import { electionsApi } from '../../api/election-endpoints';
import { useLanguage, useT } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { labels } from '../../lib/labels';
import { PersonSelect } from '../../components/PersonSelect';
import { useCodeOptions, useIdNumberRule } from '../../features/person/person-fields';
import type { OrgAction } from './use-org-action';

export const VETTING_COLORS = { pending: 'default', passed: 'green', failed: 'red' } as const;

export function useCommitteeLabel() {
  const t = useT();
  return (committee: Committee) =>
    t(committee === 'party' ? 'terms.committee.party' : 'terms.committee.villagers');
}

interface NominateValues {
  committee: Committee;
  role: PositionRole;
  source: 'roster' | 'new';
  personId?: string;
  name?: string;
  idNumber?: string;
  ethnicity?: string;
  politicalStatus?: string;
  fullTimeEducation?: string;
  phone?: string;
}
const NOMINATE_FIELDS = ['committee', 'role', 'personId', 'newPerson'];

function NominateForm({ detail, act }: { detail: CampaignOrgDetail; act: OrgAction }) {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<NominateValues>();
  const [error, setError] = useState<string | null>(null);
  const codes = useCodeOptions();
  const idRule = useIdNumberRule(true);
  const committee = Form.useWatch('committee', form) ?? 'party';
  const source = Form.useWatch('source', form) ?? 'roster';
  const required = { required: true, message: fieldMessage('required', lang) };
  const roles = committee === 'party' ? PARTY_COMMITTEE_ROLES : VILLAGERS_COMMITTEE_ROLES;
  const committeeLabel = useCommitteeLabel();

  const submit = async (v: NominateValues) => {
    setError(null);
    const body: AddCandidateBody =
      v.source === 'roster'
        ? { committee: v.committee, role: v.role, personId: v.personId! }
        : {
            committee: v.committee,
            role: v.role,
            newPerson: {
              name: v.name!.trim(),
              idNumber: normalizeIdNumber(v.idNumber!),
              ethnicity: v.ethnicity!,
              politicalStatus: v.politicalStatus!,
              fullTimeEducation: v.fullTimeEducation ?? null,
              phone: v.phone?.trim() || null,
            },
          };
    try {
      const added = await act.run(() => electionsApi.addCandidate(detail.electionId, detail.orgId, body), {
        quiet: true,
      });
      void message.success(t('status' in added ? 'election.candidatePending' : 'election.candidateAdded'));
      form.resetFields(['personId', 'name', 'idNumber', 'phone']);
    } catch (e) {
      if (!applyServerFieldErrors(form, e, NOMINATE_FIELDS)) setError(isApiError(e) ? e.message : String(e));
    }
  };

  return (
    <Card size="small" title={t('election.addCandidate')} className="xh-section" data-testid="nominate-form">
      {error && (
        <Alert type="error" showIcon title={error} className="xh-section" data-testid="nominate-error" />
      )}
      <Form<NominateValues>
        form={form}
        layout="vertical"
        initialValues={{ committee: 'party', role: 'party_secretary', source: 'roster' }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<NominateValues>) => {
          if (changed.committee) form.setFieldValue('role', undefined);
        }}
      >
        <div className="xh-election-row">
          <Form.Item name="committee" label={t('election.committee')} rules={[required]}>
            <Select
              data-testid="nominate-committee"
              options={(['party', 'villagers'] as const).map((c) => ({ value: c, label: committeeLabel(c) }))}
            />
          </Form.Item>
          <Form.Item name="role" label={t('election.role')} rules={[required]}>
            <Select
              data-testid="nominate-role"
              options={roles.map((r) => ({ value: r, label: labels.positionRole(r, lang) }))}
            />
          </Form.Item>
        </div>
        <Form.Item name="source">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'roster', label: t('election.fromRoster') },
              { value: 'new', label: t('election.newPerson') },
            ]}
            data-testid="nominate-source"
          />
        </Form.Item>
        {source === 'roster' ? (
          <Form.Item name="personId" label={t('election.person')} rules={[required]}>
            <PersonSelect orgId={detail.orgId} testId="nominate-person" />
          </Form.Item>
        ) : (
          <div className="xh-election-row">
            <Form.Item
              name="name"
              label={t('personForm.name')}
              rules={[{ ...required, whitespace: true }, { max: 50 }]}
            >
              <Input maxLength={50} data-testid="nominate-name" />
            </Form.Item>
            <Form.Item
              name="idNumber"
              label={t('personForm.idNumber')}
              rules={[idRule]}
              extra={t('personForm.idNumberHint')}
            >
              <Input maxLength={18} className="xh-mono" autoComplete="off" data-testid="nominate-id" />
            </Form.Item>
            <Form.Item name="ethnicity" label={t('personForm.ethnicity')} rules={[required]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={codes.ethnicity}
                data-testid="nominate-ethnicity"
              />
            </Form.Item>
            <Form.Item name="politicalStatus" label={t('personForm.politicalStatus')} rules={[required]}>
              <Select
                showSearch
                optionFilterProp="label"
                options={codes.political}
                data-testid="nominate-political"
              />
            </Form.Item>
            <Form.Item name="fullTimeEducation" label={t('personForm.fullTimeEducation')}>
              <Select allowClear showSearch optionFilterProp="label" options={codes.education} />
            </Form.Item>
            <Form.Item name="phone" label={t('personForm.phone')} rules={[{ max: 20 }]}>
              <Input maxLength={20} inputMode="tel" />
            </Form.Item>
          </div>
        )}
        <Button type="primary" htmlType="submit" loading={act.pending} data-testid="nominate-submit">
          {t('election.addCandidate')}
        </Button>
      </Form>
    </Card>
  );
}

export function CandidateLine({
  candidate,
  extra,
}: {
  candidate: CampaignCandidate;
  extra?: React.ReactNode;
}) {
  const t = useT();
  const lang = useLanguage();
  return (
    <Space wrap size={[8, 4]} data-testid="candidate" data-name={candidate.personName}>
      <Link to={`/people/${encodeURIComponent(candidate.personId)}`}>{candidate.personName}</Link>
      <Typography.Text type="secondary">
        {labels.gender(candidate.gender, lang)} · {candidate.birthDate.slice(0, 7)}
      </Typography.Text>
      {candidate.isCollege && <Tag>{t('election.college')}</Tag>}
      <Tag color={candidate.incumbent ? 'blue' : 'cyan'}>
        {t(candidate.incumbent ? 'election.incumbent' : 'election.newcomer')}
      </Tag>
      <Tag color={VETTING_COLORS[candidate.vetting]}>{t(`election.vetting.${candidate.vetting}`)}</Tag>
      {extra}
    </Space>
  );
}

export function CandidatesTab({
  detail,
  act,
  canWrite,
}: {
  detail: CampaignOrgDetail;
  act: OrgAction;
  canWrite: boolean;
}) {
  const t = useT();
  const lang = useLanguage();
  const committeeLabel = useCommitteeLabel();
  const open = canWrite && detail.state === 'candidates';
  return (
    <div data-testid="candidates-tab">
      {detail.seats.length === 0 && (
        <Typography.Paragraph type="secondary">{t('election.noCandidates')}</Typography.Paragraph>
      )}
      {detail.seats.map((seat) => (
        <Card
          key={`${seat.committee}-${seat.role}`}
          size="small"
          className="xh-seat"
          title={`${committeeLabel(seat.committee)} · ${labels.positionRole(seat.role, lang)}`}
          data-testid="seat"
        >
          {seat.candidates.length === 0 ? (
            <Typography.Text type="secondary">{t('election.noCandidates')}</Typography.Text>
          ) : (
            <Space orientation="vertical" size={6}>
              {seat.candidates.map((candidate) => (
                <CandidateLine
                  key={candidate.id}
                  candidate={candidate}
                  extra={
                    open && (
                      <Popconfirm
                        title={t('election.confirmRemove')}
                        okText={t('common.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() =>
                          act
                            .run(() =>
                              electionsApi.removeCandidate(detail.electionId, detail.orgId, candidate.id),
                            )
                            .catch(() => undefined)
                        }
                      >
                        <Button size="small" type="link" danger>
                          {t('election.remove')}
                        </Button>
                      </Popconfirm>
                    )
                  }
                />
              ))}
            </Space>
          )}
        </Card>
      ))}
      {open && <NominateForm detail={detail} act={act} />}
    </div>
  );
}
