// The cadre record on the person page: places and photo, education, 简历, family and relations, 奖惩.
import type { Person } from '@xinhuo/shared';
import { Card, Descriptions, Image, Table, Typography } from 'antd';
import { useLanguage, useT } from '../../i18n/use-t';
import { labels } from '../../lib/labels';

const period = (from: string, to: string | null, open: string) => `${from} — ${to ?? open}`;

export function PersonRecordCards({ person }: { person: Person }) {
  const t = useT();
  const lang = useLanguage();
  const r = person.record;
  const none = t('personForm.none');
  const place = (p: typeof r.nativePlace) => (p ? `${p.text}${p.code ? `（${p.code}）` : ''}` : none);
  return (
    <>
      <Card
        size="small"
        title={`${t('personForm.nativePlace')} · ${t('personForm.birthPlace')} · ${t('personForm.photo')}`}
        className="xh-section"
        data-testid="person-record"
      >
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          {r.photo && (
            <Image
              className="xh-person-photo"
              src={`data:${r.photo.type};base64,${r.photo.data}`}
              alt={t('personForm.photo')}
            />
          )}
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2 }}
            style={{ flex: 1, minWidth: 240 }}
            items={[
              { key: 'nativePlace', label: t('personForm.nativePlace'), children: place(r.nativePlace) },
              { key: 'birthPlace', label: t('personForm.birthPlace'), children: place(r.birthPlace) },
            ]}
          />
        </div>
      </Card>
      <Card size="small" title={t('personForm.education')} className="xh-section">
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={r.education}
          locale={{ emptyText: none }}
          columns={[
            {
              title: t('personForm.eduKind'),
              dataIndex: 'kind',
              render: (k: string) => t(`personForm.eduKind.${k as 'full_time'}`),
            },
            {
              title: t('personForm.eduLevel'),
              dataIndex: 'education',
              render: (c: string | null) => labels.education(c, lang) || '–',
            },
            { title: t('personForm.school'), dataIndex: 'school' },
            { title: t('personForm.major'), dataIndex: 'major', render: (v: string | null) => v ?? '–' },
            {
              title: t('personForm.degree'),
              dataIndex: 'degree',
              render: (c: string | null) => labels.degree(c, lang) || '–',
            },
            {
              title: `${t('personForm.from')} — ${t('personForm.to')}`,
              key: 'period',
              render: (_: unknown, e) => period(e.from, e.to, t('personForm.toOpen')),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('personForm.workHistory')} className="xh-section">
        {r.workHistory.length === 0 ? (
          <Typography.Text type="secondary">{none}</Typography.Text>
        ) : (
          <div data-testid="person-work-history">
            {r.workHistory.map((w, i) => (
              <div key={i} className="xh-mono-period">
                <Typography.Text className="xh-mono">
                  {period(w.from, w.to, t('personForm.toOpen'))}
                </Typography.Text>{' '}
                {w.text}
              </div>
            ))}
          </div>
        )}
      </Card>
      <Card size="small" title={t('personForm.family')} className="xh-section">
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={r.family}
          locale={{ emptyText: none }}
          columns={[
            { title: t('personForm.relation'), dataIndex: 'relation' },
            { title: t('personForm.relativeName'), dataIndex: 'name' },
            {
              title: t('personForm.birthMonth'),
              dataIndex: 'birthMonth',
              render: (v: string | null) => v ?? '–',
            },
            {
              title: t('personForm.politicalStatus'),
              dataIndex: 'politicalStatus',
              render: (c: string | null) => labels.politicalStatus(c, lang) || '–',
            },
            {
              title: t('personForm.workUnit'),
              dataIndex: 'workUnit',
              render: (v: string | null) => v ?? '–',
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('personForm.rewards')} className="xh-section">
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
          {r.rewardsPunishments ?? none}
        </Typography.Paragraph>
      </Card>
    </>
  );
}
