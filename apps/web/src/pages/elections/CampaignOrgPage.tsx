// One village's part in a campaign: its stage on a step bar, the next step the server allows, and tabs for
// seats & candidates, vetting, notice, results and finalize. Every refusal shows the server's own message.
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Space, Steps, Tabs, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  CAMPAIGN_ORG_STATES,
  isoDate,
  type CampaignAction,
  type CampaignOrgDetail,
  type CampaignOrgState,
} from '@xinhuo/shared';
import { electionsApi } from '../../api/election-endpoints';
import { hasPermission, useMe } from '../../auth/me-context';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT } from '../../i18n/use-t';
import { useIsPhone } from '../../lib/use-is-phone';
import { zodRule } from '../../lib/zod-rule';
import { STATE_COLORS, actionLabel, stateLabel } from './campaign-labels';
import { CandidatesTab } from './CandidatesTab';
import { FinalizeTab, NoticeTab, ResultsTab } from './NoticeResultsTabs';
import { TimetableModal } from './TimetableModal';
import { useOrgAction, type OrgAction } from './use-org-action';
import { VettingTab } from './VettingTab';
import './elections.css';

type Step = Exclude<CampaignAction, 'finalize'>;

/** The tab a stage works in. */
const TAB_OF: Record<CampaignOrgState, string> = {
  planning: 'candidates',
  candidates: 'candidates',
  vetting: 'vetting',
  notice: 'notice',
  voting: 'results',
  finalized: 'finalize',
};

function NextSteps({ detail, act }: { detail: CampaignOrgDetail; act: OrgAction }) {
  const t = useT();
  const lang = useLanguage();
  const { message, modal } = App.useApp();
  const [noticeOpen, setNoticeOpen] = useState(false);
  const [form] = Form.useForm<{ noticeStartDate?: string }>();
  const steps = detail.nextActions.filter((a): a is Step => a !== 'finalize');

  const run = (action: Step, noticeStartDate?: string) =>
    act
      .run(() =>
        electionsApi.transition(detail.electionId, detail.orgId, {
          action,
          version: detail.version,
          ...(noticeStartDate ? { noticeStartDate } : {}),
        }),
      )
      .then(() => void message.success(t('election.stepDone', { action: actionLabel(action, lang) })));

  const ask = (action: Step) => {
    if (action === 'start_notice') {
      form.setFieldsValue({ noticeStartDate: detail.timetable.noticeStartDate ?? undefined });
      setNoticeOpen(true);
      return;
    }
    void modal.confirm({
      title: t('election.confirmStep', { action: actionLabel(action, lang) }),
      okText: t('common.confirm'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'step-confirm' } as ButtonProps,
      onOk: () => run(action).catch(() => undefined),
    });
  };

  if (steps.length === 0) return null;
  return (
    <>
      <Space wrap className="xh-election-actions">
        {steps.map((action) => (
          <Button key={action} type="primary" onClick={() => ask(action)} data-testid={`step-${action}`}>
            {actionLabel(action, lang)}
          </Button>
        ))}
      </Space>
      <Modal
        open={noticeOpen}
        title={actionLabel('start_notice', lang)}
        okText={t('common.confirm')}
        cancelText={t('common.cancel')}
        okButtonProps={{ 'data-testid': 'notice-start-confirm' } as ButtonProps}
        onCancel={() => setNoticeOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onFinish={(v) => {
            setNoticeOpen(false);
            void run('start_notice', v.noticeStartDate || undefined).catch(() => undefined);
          }}
        >
          <Form.Item
            name="noticeStartDate"
            label={t('election.noticeStart')}
            extra={t('election.noticeLasts', { days: detail.noticeWorkdays })}
            rules={[zodRule(isoDate, lang)]}
          >
            <Input type="date" data-testid="notice-start-date" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

export default function CampaignOrgPage() {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const { id, orgId } = useParams() as { id: string; orgId: string };
  const act = useOrgAction(id);
  const canWrite = hasPermission(me, 'election:write');
  const [tab, setTab] = useState<string | null>(null);
  const [timetableOpen, setTimetableOpen] = useState(false);
  // On a phone the stage tag in the title says where the village is; six vertical steps would fill the screen.
  const isPhone = useIsPhone();

  const part = useQuery({
    queryKey: ['elections', id, 'org', orgId],
    queryFn: ({ signal }) => electionsApi.org(id, orgId, signal),
  });
  if (part.isError) return <QueryError error={part.error} onRetry={() => void part.refetch()} />;
  const d = part.data;
  if (!d) return null;

  const current = CAMPAIGN_ORG_STATES.indexOf(d.state);
  const props = { detail: d, act, canWrite };
  return (
    <div data-testid="campaign-org-page" data-state={d.state}>
      <div className="xh-page-head">
        <Space orientation="vertical" size={4}>
          <Typography.Title level={1}>
            {d.orgName}{' '}
            <Tag color={STATE_COLORS[d.state]} data-testid="campaign-org-state">
              {stateLabel(d.state, lang)}
            </Tag>
          </Typography.Title>
          <Typography.Text type="secondary">
            {d.parentName ? `${d.parentName} · ` : ''}
            {d.campaignName} · {t('election.electionDate')} {d.timetable.electionDate}
          </Typography.Text>
        </Space>
        <Space wrap>
          {canWrite && d.state !== 'finalized' && (
            <Button onClick={() => setTimetableOpen(true)} data-testid="timetable-edit">
              {t('election.editTimetable')}
            </Button>
          )}
          <Link to={`/elections/${encodeURIComponent(id)}`}>{t('election.backToCampaign')}</Link>
        </Space>
      </div>
      {!isPhone && (
        <Steps
          size="small"
          current={current}
          status={d.state === 'finalized' ? 'finish' : 'process'}
          responsive
          className="xh-section"
          items={CAMPAIGN_ORG_STATES.map((s) => ({ title: stateLabel(s, lang) }))}
        />
      )}
      {act.error && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: act.clearError }}
          title={act.error}
          className="xh-section"
          data-testid="campaign-org-error"
        />
      )}
      {canWrite && <NextSteps detail={d} act={act} />}
      <Tabs
        activeKey={tab ?? TAB_OF[d.state]}
        onChange={setTab}
        items={[
          { key: 'candidates', label: t('election.tab.candidates'), children: <CandidatesTab {...props} /> },
          { key: 'vetting', label: t('election.tab.vetting'), children: <VettingTab {...props} /> },
          { key: 'notice', label: t('election.tab.notice'), children: <NoticeTab {...props} /> },
          { key: 'results', label: t('election.tab.results'), children: <ResultsTab {...props} /> },
          { key: 'finalize', label: t('election.tab.finalize'), children: <FinalizeTab {...props} /> },
        ]}
      />
      {timetableOpen && <TimetableModal campaignId={id} orgs={[d]} onClose={() => setTimetableOpen(false)} />}
    </div>
  );
}
