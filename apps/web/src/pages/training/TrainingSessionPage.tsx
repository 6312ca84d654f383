// 培训详情: the session, its lecturers, enrollment (by person or by org), sign-in by staff or by the
// session's sign-in sheet (.xlsx, all or nothing), and feedback recorded for attendees.
import { ArrowLeftOutlined, UploadOutlined } from '@ant-design/icons';
import type { TrainingEnrollment, TrainingSessionDetail } from '@xinhuo/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Input, Modal, Rate, Space, Spin, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiError, type ApiFieldError } from '../../api/client';
import { SheetRowErrors } from '../../components/SheetRowErrors';
import { trainingApi } from '../../api/training-endpoints';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { PersonSelect } from '../../components/PersonSelect';
import { QueryError } from '../../components/QueryError';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { KIND_COLORS, kindLabel } from '../../features/training/training-labels';
import { useLanguage, useT } from '../../i18n/use-t';
import { useCurrentOrg } from '../../layout/current-org';

function errorText(e: unknown) {
  return e instanceof Error ? e.message : String(e);
}

function EnrollCard({ session, onDone }: { session: TrainingSessionDetail; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const { currentOrg } = useCurrentOrg();
  const [personId, setPersonId] = useState<string>();
  const [orgId, setOrgId] = useState<string>();
  const [importErrors, setImportErrors] = useState<ApiFieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      void message.success(await work());
      onDone();
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" className="xh-section" title={t('training.enroll')}>
      <Space wrap align="start" className="xh-fit-tools">
        {currentOrg && (
          <Space.Compact>
            <PersonSelect
              orgId={currentOrg.id}
              value={personId}
              onChange={setPersonId}
              testId="training-enroll-person"
            />
            <Button
              disabled={!personId || busy}
              data-testid="training-enroll-person-go"
              onClick={() =>
                void run(async () => {
                  const r = await trainingApi.enroll(session.id, { by: 'person', personIds: [personId!] });
                  setPersonId(undefined);
                  return t('training.enrollDone', { n: r.enrolled, m: r.alreadyEnrolled });
                })
              }
            >
              {t('training.enrollPerson')}
            </Button>
          </Space.Compact>
        )}
        <Space.Compact>
          <OrgTreeSelect
            value={orgId}
            onChange={(v) => setOrgId(v)}
            placeholder={t('training.enrollOrgHint')}
            style={{ width: 260 }}
            testId="training-enroll-org"
          />
          <Button
            disabled={!orgId || busy}
            onClick={() =>
              void run(async () => {
                const r = await trainingApi.enroll(session.id, { by: 'org', orgId: orgId! });
                return t('training.enrollDone', { n: r.enrolled, m: r.alreadyEnrolled });
              })
            }
          >
            {t('training.enrollOrg')}
          </Button>
        </Space.Compact>
        <input
          ref={fileInput}
          type="file"
          accept=".xlsx"
          hidden
          data-testid="training-import-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (!file) return;
            setImportErrors([]);
            void run(async () => {
              try {
                const r = await trainingApi.importSignIn(session.id, file);
                return t('training.importDone', { rows: r.rows, n: r.signedIn });
              } catch (err) {
                if (isApiError(err) && err.fields.length > 0) setImportErrors(err.fields);
                throw err;
              }
            });
          }}
        />
        <Button
          icon={<UploadOutlined />}
          disabled={busy}
          onClick={() => fileInput.current?.click()}
          data-testid="training-import"
        >
          {t('training.import')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" className="xh-section">
        {t('training.importHint')}
      </Typography.Paragraph>
      <SheetRowErrors
        errors={importErrors}
        title={t('training.importErrors')}
        testId="training-import-errors"
      />
    </Card>
  );
}

function FeedbackModal({
  sessionId,
  enrollment,
  onClose,
}: {
  sessionId: string;
  enrollment: TrainingEnrollment | null;
  onClose: (saved: boolean) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [rating, setRating] = useState(5);
  const [text, setText] = useState('');
  return (
    <Modal
      open={!!enrollment}
      title={`${t('training.feedbackGive')} · ${enrollment?.name ?? ''}`}
      onCancel={() => onClose(false)}
      onOk={async () => {
        try {
          await trainingApi.feedback(sessionId, {
            personId: enrollment!.personId,
            rating,
            feedback: text.trim() || null,
          });
          void message.success(t('training.feedbackDone'));
          onClose(true);
        } catch (e) {
          void message.error(errorText(e));
        }
      }}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Rate value={rating} onChange={setRating} />
        <Input.TextArea
          value={text}
          maxLength={500}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('training.feedbackText')}
        />
      </Space>
    </Modal>
  );
}

export default function TrainingSessionPage() {
  const t = useT();
  const lang = useLanguage();
  const { message } = App.useApp();
  const { id = '' } = useParams();
  const queryClient = useQueryClient();
  const [feedbackFor, setFeedbackFor] = useState<TrainingEnrollment | null>(null);
  const q = useQuery({
    queryKey: ['training', 'session', id],
    queryFn: ({ signal }) => trainingApi.session(id, signal),
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['training'] });
  if (q.isPending) return <Spin size="large" className="xh-page-spin" />;
  if (q.isError)
    return (
      <QueryError
        error={q.error}
        onRetry={() => void q.refetch()}
        notFoundTitle={t('training.session.notFound')}
      />
    );
  const s = q.data;
  return (
    <div data-testid="training-session">
      <div className="xh-page-head">
        <Typography.Title level={1}>{s.title}</Typography.Title>
        <Link to={`/training?month=${s.sessionDate.slice(0, 7)}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('training.session.back')}</Button>
        </Link>
      </div>
      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'kind',
              label: t('training.kind'),
              children: <Tag color={KIND_COLORS[s.kind]}>{kindLabel(s.kind, lang)}</Tag>,
            },
            { key: 'program', label: t('training.program'), children: s.programName },
            {
              key: 'date',
              label: t('training.date'),
              children: `${s.sessionDate} ${s.startTime}–${s.endTime}`,
            },
            { key: 'venue', label: t('training.venue'), children: s.venue },
            { key: 'hours', label: t('training.hours'), children: s.hours },
            {
              key: 'count',
              label: `${t('training.attended')} / ${t('training.enrolled')} / ${t('training.capacity')}`,
              children: (
                <span data-testid="training-counts">{`${s.attended} / ${s.enrolled} / ${s.capacity}`}</span>
              ),
            },
            { key: 'rating', label: t('training.rating'), children: s.averageRating ?? '—' },
            {
              key: 'lecturers',
              label: t('training.lecturers'),
              children:
                s.lecturers
                  .map((l) => `${l.name}（${l.orgName}）${l.topic ? `：${l.topic}` : ''}`)
                  .join('；') || t('training.noLecturer'),
            },
          ]}
        />
      </Card>
      {s.canWrite && <EnrollCard session={s} onDone={refresh} />}
      <Card size="small" className="xh-section" title={t('training.enrollments')}>
        <ResponsiveTable<TrainingEnrollment>
          data-testid="training-enrollments"
          rowKey="id"
          size="small"
          dataSource={s.enrollments}
          pagination={{ pageSize: 50, showSizeChanger: false }}
          cardFields={['name', 'status', 'org', 'action']}
          columns={[
            {
              key: 'name',
              title: t('training.person'),
              render: (_: unknown, e) => <Link to={`/people/${e.personId}`}>{e.name}</Link>,
            },
            { key: 'org', title: t('training.org'), dataIndex: 'orgName' },
            { key: 'id', title: t('training.idNumber'), dataIndex: 'idNumberMasked' },
            {
              key: 'source',
              title: t('training.source'),
              render: (_: unknown, e) => t(`training.source.${e.source}`),
            },
            {
              key: 'status',
              title: t('training.status'),
              render: (_: unknown, e) =>
                e.attended ? (
                  <Tag color="green">{t('training.signedIn')}</Tag>
                ) : (
                  <Tag>{t('training.notSignedIn')}</Tag>
                ),
            },
            {
              key: 'rating',
              title: t('training.feedback'),
              render: (_: unknown, e) => (e.rating ? `${e.rating} ★` : ''),
            },
            {
              key: 'action',
              title: '',
              render: (_: unknown, e) =>
                !s.canWrite ? null : e.attended ? (
                  <Button size="small" onClick={() => setFeedbackFor(e)}>
                    {t('training.feedbackGive')}
                  </Button>
                ) : (
                  <Button
                    size="small"
                    type="primary"
                    data-testid={`training-sign-in-${e.personId}`}
                    onClick={async () => {
                      try {
                        await trainingApi.signIn(s.id, [e.personId]);
                        void message.success(t('training.signInDone', { name: e.name }));
                        refresh();
                      } catch (err) {
                        void message.error(errorText(err));
                      }
                    }}
                  >
                    {t('training.signIn')}
                  </Button>
                ),
            },
          ]}
        />
      </Card>
      <FeedbackModal
        sessionId={s.id}
        enrollment={feedbackFor}
        onClose={(saved) => {
          setFeedbackFor(null);
          if (saved) refresh();
        }}
      />
    </div>
  );
}
