// 回头看: the matters of the series' earlier meetings, with state, overdue flag and satisfaction.
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { meetingsApi } from '../../api/endpoints';
import type { MeetingReview } from '@xinhuo/shared';
import { useLanguage, useT } from '../../i18n/use-t';
import { matterColumns } from '../../features/matters/matter-columns';

type ReviewItem = MeetingReview['items'][number];

export function ReviewSection({ meetingId }: { meetingId: string }) {
  const t = useT();
  const lang = useLanguage();
  const review = useQuery({
    queryKey: ['meetings', 'review', meetingId],
    queryFn: ({ signal }) => meetingsApi.review(meetingId, signal),
  });
  const data = review.data;
  const previous = data?.previousMeeting;

  return (
    <Card
      size="small"
      className="xh-section"
      loading={review.isPending}
      data-testid="meeting-review"
      title={t('review.title')}
      extra={
        previous && (
          <Typography.Text type="secondary">
            {t('review.previous')}{' '}
            <Link to={`/meetings/${encodeURIComponent(previous.id)}`}>
              {previous.meetingDate} {previous.title}
            </Link>
          </Typography.Text>
        )
      }
    >
      {!previous ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.none')} />
      ) : (
        <>
          {data.summary && (
            <Row gutter={12} className="xh-review-summary">
              {(
                [
                  ['total', data.summary.total],
                  ['closed', data.summary.closed],
                  ['open', data.summary.open],
                  ['overdue', data.summary.overdue],
                  ['satisfied', data.summary.satisfied],
                  ['dissatisfied', data.summary.dissatisfied],
                ] as const
              ).map(([key, value]) => (
                <Col key={key} xs={8} md={4}>
                  <Statistic
                    title={t(`review.${key}`)}
                    value={value}
                    styles={{ content: key === 'overdue' && value > 0 ? { color: '#cf1322' } : undefined }}
                  />
                </Col>
              ))}
            </Row>
          )}
          <Typography.Paragraph type="secondary" className="xh-note">
            {t('review.hint')}
          </Typography.Paragraph>
          <Table<ReviewItem>
            size="small"
            rowKey="id"
            dataSource={data.items}
            pagination={data.items.length > 20 ? { pageSize: 20 } : false}
            scroll={{ x: 1100 }}
            rowClassName={(row) => (row.isOverdue ? 'xh-row-overdue' : '')}
            data-testid="review-table"
            columns={[
              {
                key: 'meeting',
                title: t('review.raisedAt'),
                dataIndex: 'meetingDate',
                width: 110,
                render: (d: string) => <span className="xh-mono">{d}</span>,
              },
              ...matterColumns<ReviewItem>(t, lang, { omit: ['raisedAt', 'priority', 'raiser'] }).map(
                (c) => ({ ...c, sorter: undefined, sortOrder: undefined }),
              ),
            ]}
          />
        </>
      )}
    </Card>
  );
}
