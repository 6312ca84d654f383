// One candidate's record: the eligibility checklist with each rule's reason, vetting, notice, objections,
// plan and the dated, attributed history. Shared by the candidate page and the trainee's own page.
import { Card, Descriptions, List, Tag, Timeline, Typography } from 'antd';
import type { CandidateDetail } from '@xinhuo/shared';
import type { MessageKey } from '../../i18n/use-t';
import { useLanguage, useT } from '../../i18n/use-t';
import { eligibleLabel, stateLabel, tierName } from './labels';
import { joinList } from '../../lib/format';

const actionKey = (a: string) => `pipeline.action.${a}` as MessageKey;

export function CandidateView({ c }: { c: CandidateDetail }) {
  const t = useT();
  const lang = useLanguage();
  return (
    <>
      <Card className="xh-section" size="small">
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('pipeline.col.name')}>{c.personName}</Descriptions.Item>
          <Descriptions.Item label={t('pipeline.col.birth')}>{c.birthDate.slice(0, 7)}</Descriptions.Item>
          <Descriptions.Item label={t('pipeline.col.org')}>{c.orgName}</Descriptions.Item>
          <Descriptions.Item label={t('pipeline.col.tier')}>{tierName(c, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('pipeline.col.state')}>
            <Tag data-testid="candidate-state">{stateLabel(c.state, lang)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('pipeline.col.cohort')}>{c.cohortName ?? '—'}</Descriptions.Item>
        </Descriptions>
        {c.mentor && <div>{t('pipeline.mentor', { name: c.mentor.name })}</div>}
        {c.placedOrgName && <div>{t('pipeline.placedAt', { org: c.placedOrgName })}</div>}
        {c.exitReason && <div>{t('pipeline.exitReason', { reason: c.exitReason })}</div>}
      </Card>
      <Card
        className="xh-section"
        size="small"
        title={`${t('pipeline.eligibility')} · ${eligibleLabel(c, t)}`}
        data-testid="eligibility"
      >
        {c.eligibility ? (
          <>
            {c.eligibility.effectiveFrom && (
              <Typography.Text type="secondary">
                {t('pipeline.eligibility.version', { date: c.eligibility.effectiveFrom })}
              </Typography.Text>
            )}
            <List
              size="small"
              dataSource={c.eligibility.results}
              renderItem={(r) => (
                <List.Item
                  className="xh-pl-rule"
                  data-testid={`rule-${r.rule.kind}`}
                  data-outcome={r.outcome}
                >
                  <span className={`xh-pl-rule-${r.outcome}`}>
                    {t(`pipeline.outcome.${r.outcome}` as MessageKey)}
                  </span>
                  <span>{lang === 'en' ? r.reason.en : r.reason.zh}</span>
                </List.Item>
              )}
            />
            {c.overrideReason && (
              <Typography.Paragraph type="warning">
                {t('pipeline.override.reason', { reason: c.overrideReason })}
              </Typography.Paragraph>
            )}
          </>
        ) : (
          t('pipeline.eligibility.none')
        )}
      </Card>
      {c.vetting && (
        <Card className="xh-section" size="small" title={t('pipeline.vetting')}>
          <div>{joinList(c.vetting.team, lang)}</div>
          <div>{c.vetting.findings}</div>
          <div>{c.vetting.conclusion}</div>
        </Card>
      )}
      {c.notice && (
        <Card className="xh-section" size="small" title={t('pipeline.notice')} data-testid="notice-card">
          {t('pipeline.notice.period', { start: c.notice.start, end: c.notice.end, n: c.notice.workdays })}
          {c.objections.length > 0 && (
            <List
              size="small"
              header={t('pipeline.objections')}
              dataSource={c.objections}
              renderItem={(o) => (
                <List.Item>
                  {o.raisedOn} {o.text}
                  {o.resolvedOn
                    ? ` → ${o.resolvedOn} ${o.resolution ?? ''}`
                    : ` (${t('pipeline.objection.open')})`}
                </List.Item>
              )}
            />
          )}
        </Card>
      )}
      {c.milestones.length > 0 && (
        <Card className="xh-section" size="small" title={t('pipeline.milestones')}>
          <List
            size="small"
            dataSource={c.milestones}
            renderItem={(m) => <List.Item>{`${m.due} ${m.title}`}</List.Item>}
          />
        </Card>
      )}
      <Card className="xh-section" size="small" title={t('pipeline.timeline')}>
        <Timeline
          data-testid="timeline"
          items={c.events.map((e) => ({
            key: e.seq,
            children: (
              <div>
                <strong>{t(actionKey(e.action))}</strong> · {e.date} · {e.actorName}
                {e.reason && <div>{e.reason}</div>}
              </div>
            ),
          }))}
        />
      </Card>
    </>
  );
}
