// 资格联审: every negative-list item checked for every candidate — found or not, a note, and who checked it.
import { App, Button, Card, Form, Input, Radio, Space, Table, Typography } from 'antd';
import type { CampaignCandidate, CampaignOrgDetail, VettingItem, VettingOutcome } from '@xinhuo/shared';
import { electionsApi } from '../../api/election-endpoints';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatTimestamp } from '../../lib/format';
import { itemLabel } from './campaign-labels';
import { CandidateLine, useCommitteeLabel } from './CandidatesTab';
import { labels } from '../../lib/labels';
import type { OrgAction } from './use-org-action';

type Values = Record<string, { outcome?: VettingOutcome; note?: string }>;

/** Each candidate once (one person standing for two seats is vetted per candidacy, as the server keeps it). */
export const candidatesOf = (detail: CampaignOrgDetail): CampaignCandidate[] =>
  detail.seats.flatMap((seat) => seat.candidates);

function CandidateVetting({
  detail,
  candidate,
  editable,
  act,
}: {
  detail: CampaignOrgDetail;
  candidate: CampaignCandidate;
  editable: boolean;
  act: OrgAction;
}) {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const committeeLabel = useCommitteeLabel();
  const checkOf = (item: VettingItem) => candidate.checks.find((c) => c.itemId === item.id);
  const initial: Values = Object.fromEntries(
    detail.vettingItems.map((item) => [
      item.id,
      { outcome: checkOf(item)?.outcome, note: checkOf(item)?.note ?? undefined },
    ]),
  );

  const save = async (v: Values) => {
    const checks = detail.vettingItems
      .filter((item) => v[item.id]?.outcome)
      .map((item) => ({
        itemId: item.id,
        outcome: v[item.id]!.outcome!,
        note: v[item.id]?.note?.trim() || null,
      }));
    if (checks.length === 0) return;
    try {
      await act.run(() => electionsApi.vet(detail.electionId, detail.orgId, candidate.id, { checks }));
      void message.success(t('election.vettingSaved', { name: candidate.personName }));
    } catch {
      // shown by the page
    }
  };

  return (
    <Card
      size="small"
      className="xh-seat"
      title={
        <Space wrap size={[12, 4]}>
          <Typography.Text strong>
            {committeeLabel(candidate.committee)} · {labels.positionRole(candidate.role, lang)}
          </Typography.Text>
          <CandidateLine candidate={candidate} />
        </Space>
      }
      data-testid="vetting-card"
    >
      <Form<Values> form={form} initialValues={initial} onFinish={(v) => void save(v)} disabled={!editable}>
        <Table<VettingItem>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={detail.vettingItems}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              key: 'item',
              title: t('election.vettingItem'),
              render: (_: unknown, item) => itemLabel(item, lang),
            },
            {
              key: 'outcome',
              title: t('election.outcome'),
              width: 170,
              render: (_: unknown, item) => (
                <Form.Item name={[item.id, 'outcome']} noStyle>
                  <Radio.Group
                    aria-label={itemLabel(item, lang)}
                    options={[
                      { value: 'pass', label: t('election.outcome.pass') },
                      { value: 'fail', label: t('election.outcome.fail') },
                    ]}
                    data-testid="vetting-outcome"
                  />
                </Form.Item>
              ),
            },
            {
              key: 'note',
              title: t('election.note'),
              width: 200,
              render: (_: unknown, item) => (
                <Form.Item name={[item.id, 'note']} noStyle rules={[{ max: 200 }]}>
                  <Input size="small" maxLength={200} aria-label={t('election.note')} />
                </Form.Item>
              ),
            },
            {
              key: 'checkedBy',
              title: t('election.checkedBy'),
              width: 180,
              render: (_: unknown, item) => {
                const check = checkOf(item);
                return check ? (
                  <Typography.Text type="secondary">
                    {check.checkedByName ?? '—'} · {formatTimestamp(check.checkedAt)}
                  </Typography.Text>
                ) : null;
              },
            },
          ]}
        />
        {editable && (
          <Button
            htmlType="submit"
            type="primary"
            className="xh-section"
            loading={act.pending}
            data-testid="vetting-save"
          >
            {t('election.saveVetting')}
          </Button>
        )}
      </Form>
    </Card>
  );
}

export function VettingTab({
  detail,
  act,
  canWrite,
}: {
  detail: CampaignOrgDetail;
  act: OrgAction;
  canWrite: boolean;
}) {
  const t = useT();
  const editable = canWrite && detail.state === 'vetting';
  const candidates = candidatesOf(detail);
  return (
    <div data-testid="vetting-tab">
      {!editable && (
        <Typography.Paragraph type="secondary">{t('election.vettingClosed')}</Typography.Paragraph>
      )}
      {candidates.length === 0 && (
        <Typography.Paragraph type="secondary">{t('election.noCandidates')}</Typography.Paragraph>
      )}
      {candidates.map((candidate) => (
        // Keyed by the checks too, so the form starts again from what the server now holds.
        <CandidateVetting
          key={`${candidate.id}-${candidate.checks.length}`}
          detail={detail}
          candidate={candidate}
          editable={editable}
          act={act}
        />
      ))}
    </div>
  );
}
