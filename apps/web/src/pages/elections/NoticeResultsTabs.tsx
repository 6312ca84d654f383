// 候选人公示 (dates from the server's working-day calendar, objections and their resolution), 选举结果 (votes,
// elected; 一肩挑 as the server names it) and 完成换届 (confirm, then the new committee).
import {
  App,
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  fieldMessage,
  isoDate,
  type CampaignCandidate,
  type CampaignObjection,
  type CampaignOrgDetail,
} from '@xinhuo/shared';
import { electionsApi } from '../../api/election-endpoints';
import { useLanguage, useT } from '../../i18n/use-t';
import { labels } from '../../lib/labels';
import { zodRule } from '../../lib/zod-rule';
import { useCommitteeLabel } from './CandidatesTab';
import { candidatesOf } from './VettingTab';
import type { OrgAction } from './use-org-action';

interface TabProps {
  detail: CampaignOrgDetail;
  act: OrgAction;
  canWrite: boolean;
}

function ObjectionForm({ detail, act }: { detail: CampaignOrgDetail; act: OrgAction }) {
  const t = useT();
  const lang = useLanguage();
  const [form] = Form.useForm<{ receivedOn: string; candidateId?: string; content: string }>();
  const required = { required: true, message: fieldMessage('required', lang) };
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={(v) =>
        void act
          .run(() =>
            electionsApi.objection(detail.electionId, detail.orgId, {
              receivedOn: v.receivedOn,
              candidateId: v.candidateId ?? null,
              content: v.content.trim(),
            }),
          )
          .then(() => form.resetFields())
          .catch(() => undefined)
      }
      data-testid="objection-form"
    >
      <div className="xh-election-row">
        <Form.Item
          name="receivedOn"
          label={t('election.receivedOn')}
          rules={[required, zodRule(isoDate, lang)]}
        >
          <Input type="date" data-testid="objection-date" />
        </Form.Item>
        <Form.Item name="candidateId" label={t('election.objectionAbout')}>
          <Select
            allowClear
            placeholder={t('election.objectionGeneral')}
            options={candidatesOf(detail).map((c) => ({ value: c.id, label: c.personName }))}
          />
        </Form.Item>
      </div>
      <Form.Item
        name="content"
        label={t('election.objectionContent')}
        rules={[{ ...required, whitespace: true }, { max: 500 }]}
      >
        <Input.TextArea rows={2} maxLength={500} data-testid="objection-content" />
      </Form.Item>
      <Button htmlType="submit" loading={act.pending} data-testid="objection-submit">
        {t('election.addObjection')}
      </Button>
    </Form>
  );
}

export function NoticeTab({ detail, act, canWrite }: TabProps) {
  const t = useT();
  const [resolving, setResolving] = useState<CampaignObjection | null>(null);
  const [resolution, setResolution] = useState('');
  const nameOf = (id: string | null) =>
    id ? (candidatesOf(detail).find((c) => c.id === id)?.personName ?? '') : t('election.objectionGeneral');
  const notice = detail.notice;
  return (
    <div data-testid="notice-tab">
      {notice ? (
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          className="xh-section"
          data-testid="notice"
        >
          <Descriptions.Item label={t('election.noticeStart')}>{notice.startDate}</Descriptions.Item>
          <Descriptions.Item label={t('election.noticeWorkdays')}>{notice.workdays}</Descriptions.Item>
          <Descriptions.Item label={t('election.noticeEnd')}>
            <span data-testid="notice-end">{notice.endDate}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('election.state')}>
            <Tag color={notice.ended ? 'green' : 'orange'} data-testid="notice-state">
              {t(notice.ended ? 'election.noticeEnded' : 'election.noticeRunning')}
            </Tag>
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Typography.Paragraph type="secondary">{t('election.noticeNone')}</Typography.Paragraph>
      )}
      <Card size="small" title={t('election.objections')} className="xh-section">
        <Table<CampaignObjection>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={detail.objections}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('election.noObjections') }}
          data-testid="objections"
          columns={[
            { key: 'receivedOn', title: t('election.receivedOn'), dataIndex: 'receivedOn', width: 110 },
            {
              key: 'about',
              title: t('election.objectionAbout'),
              width: 120,
              render: (_: unknown, o) => nameOf(o.candidateId),
            },
            { key: 'content', title: t('election.objectionContent'), dataIndex: 'content' },
            {
              key: 'resolution',
              title: t('election.resolution'),
              render: (_: unknown, o) =>
                o.resolution ?? (
                  <Space>
                    <Tag color="orange">{t('election.unresolved')}</Tag>
                    {canWrite && (
                      <Button size="small" onClick={() => setResolving(o)} data-testid="objection-resolve">
                        {t('election.resolve')}
                      </Button>
                    )}
                  </Space>
                ),
            },
          ]}
        />
        {canWrite && detail.state === 'notice' && (
          <div className="xh-section">
            <ObjectionForm detail={detail} act={act} />
          </div>
        )}
      </Card>
      <Modal
        open={resolving !== null}
        title={t('election.resolve')}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !resolution.trim() }}
        onCancel={() => setResolving(null)}
        onOk={() =>
          void act
            .run(() =>
              electionsApi.resolveObjection(detail.electionId, detail.orgId, resolving!.id, {
                resolution: resolution.trim(),
              }),
            )
            .then(() => {
              setResolving(null);
              setResolution('');
            })
            .catch(() => setResolving(null))
        }
        destroyOnHidden
      >
        <Typography.Paragraph>{resolving?.content}</Typography.Paragraph>
        <Input.TextArea
          rows={3}
          maxLength={500}
          aria-label={t('election.resolution')}
          value={resolution}
          onChange={(e) => setResolution(e.target.value)}
          data-testid="objection-resolution"
        />
      </Modal>
    </div>
  );
}

type ResultValues = Record<string, { votes?: number; elected?: boolean }>;

export function ResultsTab({ detail, act, canWrite }: TabProps) {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const committeeLabel = useCommitteeLabel();
  const [form] = Form.useForm<ResultValues>();
  const editable = canWrite && detail.state === 'voting';
  const candidates = candidatesOf(detail);
  const initial: ResultValues = Object.fromEntries(
    candidates.map((c) => [c.id, { votes: c.votes ?? undefined, elected: c.elected ?? false }]),
  );
  const save = (v: ResultValues) =>
    void act
      .run(() =>
        electionsApi.results(detail.electionId, detail.orgId, {
          version: detail.version,
          results: candidates.map((c) => ({
            candidateId: c.id,
            votes: v[c.id]?.votes ?? 0,
            elected: Boolean(v[c.id]?.elected),
          })),
        }),
      )
      .then(() => void message.success(t('election.resultsSaved')))
      .catch(() => undefined);

  return (
    <div data-testid="results-tab">
      {!editable && detail.state !== 'finalized' && (
        <Typography.Paragraph type="secondary">{t('election.resultsClosed')}</Typography.Paragraph>
      )}
      {detail.oneShoulderPerson && (
        <Alert
          type="success"
          showIcon
          className="xh-section"
          title={t('election.oneShoulderIs', { name: detail.oneShoulderPerson.personName })}
          data-testid="one-shoulder"
        />
      )}
      <Form<ResultValues>
        form={form}
        initialValues={initial}
        onFinish={save}
        disabled={!editable}
        key={detail.version}
      >
        <Table<CampaignCandidate>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={candidates}
          scroll={{ x: 'max-content' }}
          data-testid="results-table"
          columns={[
            {
              key: 'seat',
              title: t('election.seat'),
              render: (_: unknown, c) =>
                `${committeeLabel(c.committee)} · ${labels.positionRole(c.role, lang)}`,
            },
            { key: 'name', title: t('personForm.name'), dataIndex: 'personName' },
            {
              key: 'votes',
              title: t('election.votes'),
              width: 120,
              render: (_: unknown, c) => (
                <Form.Item name={[c.id, 'votes']} noStyle>
                  <InputNumber
                    min={0}
                    max={1_000_000}
                    precision={0}
                    aria-label={t('election.votes')}
                    data-testid="result-votes"
                  />
                </Form.Item>
              ),
            },
            {
              key: 'elected',
              title: t('election.elected'),
              width: 80,
              render: (_: unknown, c) => (
                <Form.Item name={[c.id, 'elected']} valuePropName="checked" noStyle>
                  <Checkbox aria-label={t('election.elected')} data-testid="result-elected" />
                </Form.Item>
              ),
            },
          ]}
        />
        {editable && candidates.length > 0 && (
          <Button
            type="primary"
            htmlType="submit"
            className="xh-section"
            loading={act.pending}
            data-testid="results-save"
          >
            {t('election.saveResults')}
          </Button>
        )}
      </Form>
    </div>
  );
}

export function FinalizeTab({ detail, act, canWrite }: TabProps) {
  const t = useT();
  const lang = useLanguage();
  const { modal } = App.useApp();
  const committeeLabel = useCommitteeLabel();
  const elected = candidatesOf(detail).filter((c) => c.elected);
  const canFinalize = canWrite && detail.nextActions.includes('finalize');

  const confirm = () =>
    void modal.confirm({
      title: t('election.finalize'),
      content: t('election.finalizeConfirm'),
      okText: t('election.finalize'),
      cancelText: t('common.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'finalize-confirm' } as ButtonProps,
      onOk: () =>
        act
          .run(() => electionsApi.finalize(detail.electionId, detail.orgId, { version: detail.version }))
          .catch(() => undefined),
    });

  return (
    <div data-testid="finalize-tab">
      {detail.state === 'finalized' ? (
        <Alert
          type="success"
          showIcon
          className="xh-section"
          title={t('election.finalized')}
          data-testid="finalized"
        />
      ) : canFinalize ? (
        <Button type="primary" danger onClick={confirm} data-testid="finalize">
          {t('election.finalize')}
        </Button>
      ) : (
        <Typography.Paragraph type="secondary">{t('election.finalizeNotYet')}</Typography.Paragraph>
      )}
      {elected.length > 0 && (
        <Card
          size="small"
          className="xh-section"
          title={t('election.newCommittee')}
          extra={
            detail.state === 'finalized' && (
              <Link to={`/orgs/${encodeURIComponent(detail.orgId)}`} data-testid="open-org">
                {t('election.openOrg')}
              </Link>
            )
          }
          data-testid="new-committee"
        >
          {(['party', 'villagers'] as const).map((committee) => {
            const members = elected.filter((c) => c.committee === committee);
            if (members.length === 0) return null;
            return (
              <Descriptions
                key={committee}
                size="small"
                column={1}
                title={committeeLabel(committee)}
                className="xh-section"
              >
                {members.map((c) => (
                  <Descriptions.Item key={c.id} label={labels.positionRole(c.role, lang)}>
                    <Link to={`/people/${encodeURIComponent(c.personId)}`}>{c.personName}</Link>
                  </Descriptions.Item>
                ))}
              </Descriptions>
            );
          })}
        </Card>
      )}
    </div>
  );
}
