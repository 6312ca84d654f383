// 见面会详情: details, participants and speakers, minutes (published or not), the matters raised here,
// the one-step 登记事项 form, and the generated 回头看 of the series' earlier matters.
import { CheckOutlined, CloseOutlined, EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Row,
  Space,
  Spin,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { Link, useParams } from 'react-router';
import { mattersApi, meetingsApi } from '../../api/endpoints';
import type { MatterListItem, MeetingDetail, MeetingParticipant } from '@xinhuo/shared';
import { hasPermission, useMe } from '../../auth/me-context';
import { useColumnSettings } from '../../components/ColumnSettings';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT } from '../../i18n/use-t';
import { ExportButton } from '../../components/ExportButton';
import { AttachmentsCard } from '../../components/AttachmentsCard';
import { matterColumns } from '../../features/matters/matter-columns';
import { useMatterCatalog } from '../../features/matters/use-catalog';
import { matterLabel } from '../../features/matters/matter-labels';
import { RaiseMatterForm } from '../../features/matters/RaiseMatterForm';
import { LEVEL_COLORS } from './MeetingCalendar';
import { ReviewSection } from './ReviewSection';
import '../../features/matters/matters.css';
import './meetings.css';

function PublishSwitch({ meeting }: { meeting: MeetingDetail }) {
  const t = useT();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  return (
    <Switch
      checked={meeting.isPublished}
      checkedChildren={t('meeting.published')}
      unCheckedChildren={t('meeting.draft')}
      data-testid="meeting-publish"
      onChange={async (published) => {
        try {
          const saved = await meetingsApi.publish(meeting.id, meeting.version, published);
          queryClient.setQueryData(['meetings', 'detail', meeting.id], saved);
          void queryClient.invalidateQueries({ queryKey: ['meetings', 'list'] });
        } catch (e) {
          void message.error(e instanceof Error ? e.message : String(e));
          void queryClient.invalidateQueries({ queryKey: ['meetings', 'detail', meeting.id] });
        }
      }}
    />
  );
}

/** A participant's name; a link to their person page when they are in the roster and the user reads it. */
function PersonName({ p, linked, strong }: { p: MeetingParticipant; linked: boolean; strong?: boolean }) {
  const name = strong ? <Typography.Text strong>{p.name}</Typography.Text> : p.name;
  return linked && p.personId ? (
    <Link to={`/people/${encodeURIComponent(p.personId)}`} data-testid="participant-person-link">
      {name}
    </Link>
  ) : (
    name
  );
}

function Participants({ people, linked }: { people: MeetingParticipant[]; linked: boolean }) {
  const t = useT();
  const lang = useLanguage();
  const yesNo = (v: boolean) =>
    v ? (
      <CheckOutlined className="xh-yes" aria-label={t('common.yes')} />
    ) : (
      <CloseOutlined className="xh-no" aria-label={t('common.no')} />
    );
  return (
    <Table<MeetingParticipant>
      size="small"
      rowKey="id"
      dataSource={people}
      pagination={people.length > 15 ? { pageSize: 15 } : false}
      data-testid="participants-table"
      columns={[
        {
          title: t('meeting.participantName'),
          dataIndex: 'name',
          render: (_: string, p) => <PersonName p={p} linked={linked} />,
        },
        {
          title: t('meeting.participantRole'),
          dataIndex: 'role',
          render: (r: string) => matterLabel('participantRole', r, lang),
        },
        { title: t('meeting.attended'), dataIndex: 'attended', align: 'center', render: yesNo },
        { title: t('meeting.spoke'), dataIndex: 'spoke', align: 'center', render: yesNo },
      ]}
    />
  );
}

export default function MeetingPage() {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const meeting = useQuery({
    queryKey: ['meetings', 'detail', id],
    queryFn: ({ signal }) => meetingsApi.get(id, signal),
  });

  if (meeting.isError && !meeting.data) {
    return (
      <QueryError
        error={meeting.error}
        onRetry={() => void meeting.refetch()}
        notFoundTitle={t('meeting.notFound')}
      />
    );
  }
  if (!meeting.data) return <Spin size="large" className="xh-page-spin" />;
  const m = meeting.data;
  const speakers = m.participants.filter((p) => p.spoke);
  const readsRoster = hasPermission(me, 'roster:read');

  return (
    <div data-testid="meeting-page" data-meeting-id={m.id}>
      <div className="xh-page-head">
        <Space orientation="vertical" size={4}>
          <Space wrap>
            <Tag color={LEVEL_COLORS[m.hostLevel]}>{matterLabel('hostLevel', m.hostLevel, lang)}</Tag>
            {m.seriesName && <Typography.Text type="secondary">{m.seriesName}</Typography.Text>}
            <Typography.Text type="secondary" className="xh-mono">
              {m.meetingDate}
            </Typography.Text>
          </Space>
          <Typography.Title level={1} data-testid="meeting-title">
            {m.title}
          </Typography.Title>
        </Space>
        <Space>
          {m.canEdit && (
            <Link to={`/meetings/${encodeURIComponent(m.id)}/edit`}>
              <Button icon={<EditOutlined />}>{t('meeting.edit')}</Button>
            </Link>
          )}
          <Link to="/meetings">
            <Button>{t('meeting.backToList')}</Button>
          </Link>
        </Space>
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'host', label: t('meeting.host'), children: m.hostOrgName },
            { key: 'venue', label: t('meeting.venue'), children: m.venueName ?? '–' },
            {
              key: 'people',
              label: t('meeting.people'),
              children: t('meeting.peopleValue', { n: m.participantCount, s: m.speakerCount }),
            },
            { key: 'topic', label: t('meeting.topic'), span: 'filled', children: m.topic ?? '–' },
          ]}
        />
      </Card>
      <ReviewSection meetingId={m.id} />
      <Row gutter={[12, 12]} className="xh-section">
        <Col xs={24} lg={12}>
          <Card size="small" title={t('meeting.speakers')}>
            {speakers.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meeting.noSpeakers')} />
            ) : (
              <List
                size="small"
                dataSource={speakers}
                data-testid="speakers-list"
                renderItem={(p) => (
                  <List.Item>
                    <PersonName p={p} linked={readsRoster} strong />
                    <Typography.Text type="secondary">{p.speechTopic ?? ''}</Typography.Text>
                  </List.Item>
                )}
              />
            )}
          </Card>
          <Card size="small" title={t('meeting.participants')} className="xh-section">
            <Participants people={m.participants} linked={readsRoster} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card
            size="small"
            title={t('meeting.minutes')}
            extra={
              m.canEdit ? (
                <PublishSwitch meeting={m} />
              ) : (
                m.isPublished && <Tag color="green">{t('meeting.published')}</Tag>
              )
            }
            data-testid="meeting-minutes"
          >
            {m.minutes ? (
              <div className="xh-pre">{m.minutes}</div>
            ) : (
              <Typography.Text type="secondary">
                {m.isPublished || m.canEdit ? t('meeting.noMinutes') : t('meeting.minutesUnpublished')}
              </Typography.Text>
            )}
          </Card>
          <AttachmentsCard owner="meeting" ownerId={m.id} className="xh-section" />
        </Col>
      </Row>
      <Card
        size="small"
        title={t('meeting.matters', { n: m.matters.length })}
        extra={
          m.matters.length > 0 && (
            <ExportButton href={mattersApi.exportUrl({ meetingId: m.id })} testId="meeting-matters-export" />
          )
        }
        className="xh-section"
      >
        <MeetingMattersTable matters={m.matters} />
      </Card>
      {hasPermission(me, 'matters:raise') && (
        <Card size="small" title={t('meeting.raiseHere')} className="xh-section" data-testid="meeting-raise">
          <RaiseMatterForm
            raiserSuggestions={speakers.map((p) => p.name)}
            submit={async (input) => {
              const { ids } = await meetingsApi.raiseMatters(m.id, [input]);
              void message.success(t('meeting.raised'));
              return ids[0]!;
            }}
            onDone={() => {
              void queryClient.invalidateQueries({ queryKey: ['meetings', 'detail', m.id] });
              void queryClient.invalidateQueries({ queryKey: ['matters'] });
            }}
          />
        </Card>
      )}
    </div>
  );
}

/** The matters raised at a meeting: the board's columns (unsorted), with their own 列设置. */
function MeetingMattersTable({ matters }: { matters: MatterListItem[] }) {
  const t = useT();
  const lang = useLanguage();
  const catalog = useMatterCatalog();
  const settings = useColumnSettings(
    'meeting-matters',
    matterColumns<MatterListItem>(t, lang, { omit: ['raisedAt'], catalog: catalog.data }).map((c) => ({
      ...c,
      sorter: undefined,
      sortOrder: undefined,
    })),
    { locked: ['title'], defaultHidden: ['priority', 'raiser'] },
  );
  return (
    <>
      {settings.control && <div className="xh-table-tools">{settings.control}</div>}
      <Table<MatterListItem>
        size={settings.size}
        rowKey="id"
        dataSource={matters}
        pagination={false}
        scroll={settings.scroll}
        data-testid="meeting-matters"
        columns={settings.columns}
      />
    </>
  );
}
