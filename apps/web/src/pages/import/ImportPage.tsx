// 导入花名册: the wizard — template, upload (the server checks the whole file), the report by row and
// column (filter by problem, annotated copy), the choice for people already on the roster, commit, result.
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
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
import { useState } from 'react';
import { Link } from 'react-router';
import {
  IMPORT_COLUMNS,
  fieldMessage,
  type ImportExistingMode,
  type ImportIssueItem,
  type ImportJob,
} from '@xinhuo/shared';
import { importApi } from '../../api/import-endpoints';
import { isApiError } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT } from '../../i18n/use-t';

const PAGE_SIZE = 20;

export default function ImportPage() {
  const t = useT();
  const lang = useLanguage();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const [committing, setCommitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const [mode, setMode] = useState<ImportExistingMode>('skip');

  const issues = useQuery({
    queryKey: ['imports', job?.id, 'issues', code, page, job?.status, job?.counts.errorRows],
    queryFn: ({ signal }) => importApi.issues(job!.id, { page, pageSize: PAGE_SIZE, code }, signal),
    enabled: !!job && job.status !== 'committed',
  });

  const messageOf = (e: unknown) => (isApiError(e) ? e.message : String(e));

  const upload = async (file: File) => {
    setError(null);
    setJob(null);
    setCode(undefined);
    setPage(1);
    setUploading(0);
    try {
      setJob(await importApi.upload(file, (p) => setUploading(p)));
    } catch (e) {
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
      setJob(await importApi.commit(job.id, mode));
    } catch (e) {
      setError(messageOf(e));
      setJob(await importApi.job(job.id));
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
  const clean = !!job && job.counts.errorRows === 0;
  const step = committed ? 4 : job ? (clean ? 3 : 2) : 1;

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
        <Typography.Title level={4}>{t('import.title')}</Typography.Title>
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
          {!committed && (
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

          {job && !committed && (
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
                <Button key="again" onClick={() => setJob(null)}>
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
