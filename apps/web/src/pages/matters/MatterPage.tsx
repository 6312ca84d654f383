// 事项详情: state and deadline light, details, units, supervision record, the full timeline, and the user's actions.
import { FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Spin, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { mattersApi } from '../../api/endpoints';
import type { MatterDetail } from '@xinhuo/shared';
import { AttachmentsCard } from '../../components/AttachmentsCard';
import { QueryError } from '../../components/QueryError';
import { hasPermission, useMe } from '../../auth/me-context';
import { useLanguage, useT } from '../../i18n/use-t';
import { formatTimestamp } from '../../lib/format';
import { MatterActions } from './actions/MatterActions';
import { AssignmentsTable, SupervisionList } from './components/AssignmentsTable';
import { DeadlineLight, SatisfactionTag, StateTag } from '../../features/matters/MatterTags';
import { MatterTimeline } from './components/MatterTimeline';
import { categoryName, matterLabel, priorityName } from '../../features/matters/matter-labels';
import { useMatterCatalog } from '../../features/matters/use-catalog';
import '../../features/matters/matters.css';

function Details({ m }: { m: MatterDetail }) {
  const t = useT();
  const lang = useLanguage();
  const catalog = useMatterCatalog();
  const me = useMe();
  const dash = '–';
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      data-testid="matter-details"
      items={[
        {
          key: 'category',
          label: t('matter.category'),
          children: (
            <>
              {catalog.data ? categoryName(catalog.data, m.category, lang) : m.categoryName}
              {m.categoryNameRaised && (
                <Typography.Text type="secondary" data-testid="matter-category-raised">
                  {t('matter.categoryRaised', { name: m.categoryNameRaised })}
                </Typography.Text>
              )}
            </>
          ),
        },
        {
          key: 'priority',
          label: t('matter.priority'),
          children: priorityName(catalog.data, m.priority, lang),
        },
        {
          key: 'source',
          label: t('matter.source'),
          children: m.meetingId ? (
            <Link to={`/meetings/${encodeURIComponent(m.meetingId)}`}>
              {matterLabel('source', m.source, lang)}
            </Link>
          ) : (
            matterLabel('source', m.source, lang)
          ),
        },
        {
          key: 'village',
          label: t('matter.village'),
          children: [m.townName, m.villageName].filter(Boolean).join(' · '),
        },
        {
          key: 'raiser',
          label: t('matter.raiser'),
          children:
            m.raiserPersonId && hasPermission(me, 'roster:read') ? (
              <Link to={`/people/${encodeURIComponent(m.raiserPersonId)}`} data-testid="matter-raiser-link">
                {m.raiserName}
              </Link>
            ) : (
              m.raiserName
            ),
        },
        { key: 'raisedAt', label: t('matter.raisedAt'), children: formatTimestamp(m.raisedAt) },
        {
          key: 'dispatchNo',
          label: t('matter.dispatchNo'),
          children: m.dispatchNo ? (
            <Link to={`/matters/${encodeURIComponent(m.id)}/assign-order`} data-testid="assign-order-link">
              <FileTextOutlined /> {m.dispatchNo}
            </Link>
          ) : (
            dash
          ),
        },
        {
          key: 'deadline',
          label: t('matter.deadline'),
          children: m.deadline ? (
            <Space size={4} wrap>
              <span className="xh-mono" data-testid="matter-deadline">
                {m.deadline}
              </span>
              {m.originalDeadline && m.originalDeadline !== m.deadline && (
                <Typography.Text type="secondary">
                  {t('matter.originalDeadline', { date: m.originalDeadline })}
                </Typography.Text>
              )}
              <DeadlineLight matter={m} />
            </Space>
          ) : (
            dash
          ),
        },
        { key: 'leadUnit', label: t('matter.leadUnit'), children: m.leadUnit?.name ?? dash },
        {
          key: 'policy',
          label: t('matter.policyVersion'),
          children: (
            <span data-testid="matter-policy-version">
              {t('matter.policyVersionValue', { version: m.policy.version, date: m.policy.effectiveFrom })}
            </span>
          ),
        },
        {
          key: 'handling',
          label: t('matter.handlingWorkdays'),
          children:
            m.handlingWorkdays === null ? (
              dash
            ) : (
              <>
                {t('matter.workdays', { days: m.handlingWorkdays })}{' '}
                {m.isOnTime !== null && (
                  <Tag color={m.isOnTime ? 'green' : 'orange'}>
                    {m.isOnTime ? t('matter.onTime') : t('matter.late')}
                  </Tag>
                )}
              </>
            ),
        },
        {
          key: 'satisfaction',
          label: t('matter.satisfaction'),
          children: m.satisfaction ? (
            <>
              <SatisfactionTag value={m.satisfaction} /> {m.satisfactionComment}
            </>
          ) : m.feedbackDue ? (
            t('matter.feedbackDue', { date: m.feedbackDue })
          ) : (
            dash
          ),
        },
        {
          key: 'counts',
          label: t('matter.counts'),
          children: t('matter.countsValue', {
            returns: m.returnCount,
            rehandles: m.rehandleCount,
            reopens: m.reopenCount,
          }),
        },
        {
          key: 'description',
          label: t('matter.description'),
          span: 'filled',
          children: <div className="xh-pre">{m.description}</div>,
        },
        ...(m.resolution
          ? [
              {
                key: 'resolution',
                label: t('matter.resolution'),
                span: 'filled' as const,
                children: (
                  <div className="xh-pre">
                    {m.resolution}
                    {m.signOffName && (
                      <Typography.Text type="secondary">
                        {'\n'}
                        {t('timeline.signOff', { name: m.signOffName })}
                      </Typography.Text>
                    )}
                  </div>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}

const ESCALATION = ['urge', 'supervise', 'circulate'] as const;

export default function MatterPage() {
  const t = useT();
  const lang = useLanguage();
  const { id = '' } = useParams();
  const matter = useQuery({
    queryKey: ['matters', 'detail', id],
    queryFn: ({ signal }) => mattersApi.get(id, signal),
  });

  if (matter.isError && !matter.data) {
    return (
      <QueryError
        error={matter.error}
        onRetry={() => void matter.refetch()}
        notFoundTitle={t('matter.notFound')}
      />
    );
  }
  if (!matter.data) return <Spin size="large" className="xh-page-spin" />;
  const m = matter.data;

  return (
    <div data-testid="matter-page" data-matter-id={m.id} data-state={m.state} data-version={m.version}>
      <div className="xh-page-head">
        <Space orientation="vertical" size={4}>
          <Space wrap>
            <Typography.Text type="secondary" className="xh-mono">
              {m.code}
            </Typography.Text>
            <StateTag state={m.state} outcome={m.outcome} />
            <DeadlineLight matter={m} />
            {m.escalationLevel > 0 && (
              <Tag color="red" data-testid="matter-escalation">
                {matterLabel('supervision', ESCALATION[Math.min(m.escalationLevel, 3) - 1], lang)}
              </Tag>
            )}
          </Space>
          <Typography.Title level={1} data-testid="matter-title">
            {m.title}
          </Typography.Title>
        </Space>
        <Link to="/matters">
          <Button>{t('matter.backToBoard')}</Button>
        </Link>
      </div>
      {m.extension && (
        <Alert
          type="warning"
          showIcon
          className="xh-form-alert"
          title={t('matter.extensionPending', { date: m.extension.requestedDue })}
          description={m.extension.reason}
        />
      )}
      <Card size="small" title={t('matter.actions')} className="xh-section" data-testid="matter-actions-card">
        <MatterActions matter={m} />
      </Card>
      <Row gutter={[12, 12]} className="xh-section">
        <Col xs={24} xl={15}>
          <Card size="small" title={t('matter.details')}>
            <Details m={m} />
          </Card>
          <Card size="small" title={t('matter.assignments')} className="xh-section">
            <AssignmentsTable assignments={m.assignments} />
          </Card>
          {m.supervisions.length > 0 && (
            <Card size="small" title={t('matter.supervisions')} className="xh-section">
              <SupervisionList items={m.supervisions} />
            </Card>
          )}
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t('matter.timeline')}>
            <MatterTimeline events={m.events} />
          </Card>
          <AttachmentsCard owner="matter" ownerId={m.id} ownerVersion={m.version} className="xh-section" />
        </Col>
      </Row>
    </div>
  );
}
