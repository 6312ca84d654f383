// 导入花名册: the wizard — template, upload (the server checks the whole file), the report by row and
// column (filter by problem, annotated copy), the choice for people already on the roster, commit, result.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Progress,
  Radio,
  Result,
  Select,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  IMPORT_COLUMNS,
  fieldMessage,
  type ImportExistingMode,
  type ImportIssueItem,
  type ImportJob,
  type ImportPhase,
} from '@xinhuo/shared';
import { importApi } from '../../api/import-endpoints';
import { isApiError } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT } from '../../i18n/use-t';

const PAGE_SIZE = 20;

/** Where the job being worked on is remembered, so that the user can leave the page and come back to it. */
const LAST_JOB_KEY = 'xinhuo.import.job';
/** How often a job whose work runs on the server is asked for its progress. */
const POLL_MS = 800;

const isRunning = (j: ImportJob | undefined) => j?.status === 'validating' || j?.status === 'committing';

export default function ImportPage() {
  const t = useT();
  const lang = useLanguage();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const jobId = params.get('job') ?? undefined;
  const [uploading, setUploading] = useState<number | null>(null);
  const [committing, setCommitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [mode, setMode] = useState<ImportExistingMode>('skip');

  // Back on the page without a job in its address: the last job of this browser, if the server still has it.
  useEffect(() => {
    const last = localStorage.getItem(LAST_JOB_KEY);
    if (!jobId && last) setParams({ job: last }, { replace: true });
  }, [jobId, setParams]);

  const jobQuery = useQuery({
    queryKey: ['imports', jobId],
    queryFn: ({ signal }) => importApi.job(jobId!, signal),
    enabled: !!jobId,
    retry: false,
    // The dry run and the commit run on the server after their request has answered: poll until they end.
    refetchInterval: (q) => (isRunning(q.state.data) ? POLL_MS : false),
  });
  const job = jobId ? (jobQuery.data ?? null) : null;
  useEffect(() => {
    if (jobQuery.isError) localStorage.removeItem(LAST_JOB_KEY);
  }, [jobQuery.isError]);

  const showJob = (j: ImportJob | null) => {
    if (j) {
      queryClient.setQueryData(['imports', j.id], j);
      localStorage.setItem(LAST_JOB_KEY, j.id);
      setParams({ job: j.id });
    } else {
      localStorage.removeItem(LAST_JOB_KEY);
      setParams({});
    }
  };

  const issues = useQuery({
    queryKey: ['imports', job?.id, 'issues', code, page, job?.status, job?.counts.errorRows],
    queryFn: ({ signal }) => importApi.issues(job!.id, { page, pageSize: PAGE_SIZE, code }, signal),
    enabled: !!job && job.status === 'ready',
  });

  const messageOf = (e: unknown) => (isApiError(e) ? e.message : String(e));

  const upload = async (file: File) => {
    setError(null);
    setCode(undefined);
    setPage(1);
    setUploading(0);
    try {
      showJob(await importApi.upload(file, (p) => setUploading(p)));
    } catch (e) {
      showJob(null);
      setError(t('import.upload.failed', { message: messageOf(e) }));
    } finally {
      setUploading(null);
    }
  };

  const commit = async () => {
    if (!job) return;
    setError(null);
    setCommitting(true);
    try {
      showJob(await importApi.commit(job.id, mode));
    } catch (e) {
      setError(messageOf(e));
      void jobQuery.refetch();
    } finally {
      setCommitting(false);
    }
  };

  const columnName = (key: string | null) => {
    const c = IMPORT_COLUMNS.find((x) => x.key === key);
    return c ? (lang === 'en' ? c.en : c.zh) : t('import.wholeRow');
  };
  const problem = (i: ImportIssueItem) => {
    const base = fieldMessage(i.code, lang);
    if (!i.suggestions?.length) return base;
    const names = i.suggestions
      .map((s) => `${s.code} ${lang === 'en' ? s.en : s.zh}`)
      .join(lang === 'en' ? ', ' : '、');
    return `${base}；${t('import.suggest', { names })}`;
  };

  const committed = job?.status === 'committed';
  const running = isRunning(job ?? undefined);
  const ready = job?.status === 'ready';
  const clean = ready && job.counts.errorRows === 0;
  const step = committed ? 4 : job?.status === 'committing' ? 3 : ready ? (clean ? 3 : 2) : 1;

  const uploadButton = (
    <label>
      <input
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        style={{ display: 'none' }}
        data-testid="import-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void upload(f);
        }}
      />
      <Button
        icon={<UploadOutlined />}
        loading={uploading !== null}
        onClick={(e) => (e.currentTarget.previousSibling as HTMLInputElement | null)?.click()}
      >
        {job ? t('import.report.reupload') : t('import.upload.button')}
      </Button>
    </label>
  );

  return (
    <div data-testid="import-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('import.title')}</Typography.Title>
      </div>
      <Card>
        <Steps
          size="small"
          current={step}
          responsive
          items={[
            { title: t('import.step.template') },
            { title: t('import.step.upload') },
            { title: t('import.step.report') },
            { title: t('import.step.commit') },
            { title: t('import.step.result') },
          ]}
        />
        <Space direction="vertical" size="middle" style={{ width: '100%', marginTop: 16 }}>
          {!committed && !running && (
            <>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                {t('import.template.hint')} {t('import.upload.hint')}
              </Typography.Paragraph>
              <Space wrap>
                <Button
                  icon={<DownloadOutlined />}
                  href={importApi.templateUrl()}
                  download
                  data-testid="import-template"
                >
                  {t('import.template.download')}
                </Button>
                {uploadButton}
              </Space>
            </>
          )}
          {uploading !== null && (
            <div data-testid="import-progress">
              <Typography.Text>{t('import.upload.progress')}</Typography.Text>
              <Progress percent={uploading} status="active" />
            </div>
          )}
          {error && <Alert type="error" showIcon message={error} data-testid="import-error" />}

          {running && <JobProgress job={job!} />}
          {job?.status === 'failed' && (
            <Alert
              type="error"
              showIcon
              data-testid="import-failed"
              message={t('import.failed')}
              description={job.failure?.message}
            />
          )}

          {ready && (
            <>
              <Alert
                type={clean ? 'success' : 'warning'}
                showIcon
                data-testid="import-summary"
                message={t('import.report.summary', {
                  rows: job.counts.rows,
                  newPeople: job.counts.newPeople,
                  existing: job.counts.existingPeople,
                  errors: job.counts.errorRows,
                })}
                description={
                  clean
                    ? t('import.report.clean')
                    : t('import.report.hasErrors', { errors: job.counts.errorRows })
                }
              />
              <Space wrap>
                <Select
                  allowClear
                  style={{ minWidth: 220 }}
                  placeholder={t('import.report.filter')}
                  value={code}
                  data-testid="import-filter"
                  onChange={(v: string | undefined) => {
                    setCode(v);
                    setPage(1);
                  }}
                  options={(issues.data?.codes ?? []).map((c) => ({
                    value: c.code,
                    label: `${fieldMessage(c.code, lang)}（${c.count}）`,
                  }))}
                />
                <Button
                  icon={<DownloadOutlined />}
                  href={importApi.annotatedUrl(job.id)}
                  download
                  data-testid="import-annotated"
                >
                  {t('import.report.annotated')}
                </Button>
              </Space>
              {issues.isError ? (
                <QueryError error={issues.error} onRetry={() => void issues.refetch()} />
              ) : (
                <Table<ImportIssueItem>
                  size="small"
                  rowKey={(i) => `${i.row}-${i.column}-${i.code}`}
                  loading={issues.isFetching}
                  dataSource={issues.data?.items ?? []}
                  scroll={{ x: 560 }}
                  data-testid="import-issues"
                  pagination={{
                    current: page,
                    pageSize: PAGE_SIZE,
                    total: issues.data?.total ?? 0,
                    showSizeChanger: false,
                    onChange: setPage,
                  }}
                  columns={[
                    { title: t('import.col.row'), dataIndex: 'row', width: 70 },
                    {
                      title: t('import.col.column'),
                      key: 'column',
                      width: 120,
                      render: (_, i) => columnName(i.column),
                    },
                    {
                      title: t('import.col.severity'),
                      key: 'severity',
                      width: 80,
                      render: (_, i) => (
                        <Tag color={i.severity === 'error' ? 'red' : 'gold'}>
                          {t(`import.severity.${i.severity}`)}
                        </Tag>
                      ),
                    },
                    { title: t('import.col.problem'), key: 'problem', render: (_, i) => problem(i) },
                  ]}
                />
              )}
              {clean && (
                <Card size="small" title={t('import.existing.title')}>
                  <Space direction="vertical">
                    <Radio.Group
                      value={mode}
                      onChange={(e) => setMode(e.target.value as ImportExistingMode)}
                      data-testid="import-mode"
                    >
                      <Space direction="vertical">
                        <Radio value="update">{t('import.existing.update')}</Radio>
                        <Radio value="skip">{t('import.existing.skip')}</Radio>
                      </Space>
                    </Radio.Group>
                    <Button
                      type="primary"
                      loading={committing}
                      onClick={() => void commit()}
                      data-testid="import-commit"
                    >
                      {committing ? t('import.commit.progress') : t('import.commit.button')}
                    </Button>
                  </Space>
                </Card>
              )}
            </>
          )}

          {committed && job.result && (
            <Result
              status="success"
              title={t('import.result.title')}
              subTitle={t('import.result.counts', job.result)}
              data-testid="import-result"
              extra={[
                <Link key="roster" to="/roster?sort=name">
                  <Button type="primary">{t('import.result.roster')}</Button>
                </Link>,
                <Button key="again" onClick={() => showJob(null)}>
                  {t('import.result.again')}
                </Button>,
              ]}
            />
          )}
        </Space>
      </Card>
    </div>
  );
}

/**
 * A bar per phase of the job's work on the server: reading the file, checking it, and — for a commit —
 * writing it. The dry run's reading knows no total until the end of the file: it shows the rows read.
 */
function JobProgress({ job }: { job: ImportJob }) {
  const t = useT();
  const phases: ImportPhase[] =
    job.status === 'committing' ? ['parse', 'validate', 'commit'] : ['parse', 'validate'];
  const current = phases.indexOf(job.phase);
  return (
    <div data-testid="import-job-progress" data-status={job.status} data-phase={job.phase}>
      <Typography.Text strong>
        {job.status === 'committing' ? t('import.commit.progress') : t('import.upload.checking')}
      </Typography.Text>
      {phases.map((phase, i) => {
        const active = i === current;
        const percent =
          i < current ? 100 : !active ? 0 : job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0;
        return (
          <div key={phase} data-testid={`import-phase-${phase}`}>
            <Typography.Text type={active ? undefined : 'secondary'}>
              {t(`import.phase.${phase}`)}
              {active && job.total === 0 && job.done > 0
                ? ` — ${t('import.phase.rowsRead', { rows: job.done })}`
                : ''}
            </Typography.Text>
            <Progress
              percent={percent}
              status={active ? 'active' : i < current ? 'success' : 'normal'}
              size="small"
            />
          </div>
        );
      })}
      <Typography.Text type="secondary">{t('import.progress.leave')}</Typography.Text>
    </div>
  );
}
