// 导入任免审批表 (LRMX): upload one .lrmx or a .zip of them → the files with their status (matched, new,
// refused with the reason) → per file the field-by-field differences, each accepted or rejected →
// apply (one transaction on the server) → the result per file.
import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Result, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { type LrmxFile, type LrmxFileResult, type LrmxSession } from '@xinhuo/shared';
import { isApiError, type ApiError } from '../../api/client';
import { lrmxApi } from '../../api/lrmx-endpoints';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { useLanguage, useT, type MessageKey } from '../../i18n/use-t';
import './lrmx.css';

/** Per file: the fields accepted, and for a new person the org chosen. */
type Decisions = Record<number, { accept: Set<string>; orgId?: string }>;

const STATUS_COLOR = { matched: 'blue', new: 'green', error: 'red' } as const;

export default function LrmxImportPage() {
  const t = useT();
  const lang = useLanguage();
  const [session, setSession] = useState<LrmxSession | null>(null);
  const [decisions, setDecisions] = useState<Decisions>({});
  const [selected, setSelected] = useState<number | null>(null);
  const [uploading, setUploading] = useState(false);
  const [applying, setApplying] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);

  const upload = async (file: File) => {
    setError(null);
    setSession(null);
    setUploading(true);
    try {
      const s = await lrmxApi.upload(file);
      setSession(s);
      // Nothing is accepted until the user says so; a file with differences is opened first.
      setDecisions(Object.fromEntries(s.files.map((f) => [f.index, { accept: new Set<string>() }])));
      setSelected(s.files.find((f) => f.differences.length > 0)?.index ?? s.files[0]?.index ?? null);
    } catch (e) {
      setError(isApiError(e) ? e : String(e));
    } finally {
      setUploading(false);
    }
  };

  const apply = async () => {
    if (!session) return;
    setError(null);
    setApplying(true);
    try {
      const files = session.files
        .filter((f) => f.status !== 'error')
        .map((f) => ({
          index: f.index,
          accept: [...(decisions[f.index]?.accept ?? [])],
          ...(decisions[f.index]?.orgId ? { orgId: decisions[f.index]!.orgId } : {}),
        }));
      setSession(await lrmxApi.apply(session.id, { files }));
    } catch (e) {
      setError(isApiError(e) ? e : String(e));
    } finally {
      setApplying(false);
    }
  };

  const setAccept = (index: number, fields: string[], on: boolean) =>
    setDecisions((d) => {
      const accept = new Set(d[index]?.accept);
      for (const f of fields) {
        if (on) accept.add(f);
        else accept.delete(f);
      }
      return { ...d, [index]: { ...d[index], accept } };
    });

  const current = session?.files.find((f) => f.index === selected) ?? null;
  const applied = session?.status === 'applied';
  const counts = useMemo(() => {
    const files = session?.files ?? [];
    return {
      files: files.length,
      matched: files.filter((f) => f.status === 'matched').length,
      fresh: files.filter((f) => f.status === 'new').length,
      errors: files.filter((f) => f.status === 'error').length,
    };
  }, [session]);

  const statusTag = (f: LrmxFile) => (
    <Tag color={STATUS_COLOR[f.status]} data-testid={`lrmx-status-${f.index}`}>
      {t(`lrmx.status.${f.status}` as MessageKey)}
    </Tag>
  );
  const resultText = (r: LrmxFileResult | null) => (r ? t(`lrmx.result.${r}` as MessageKey) : '–');

  const errorBlock =
    error &&
    (typeof error === 'string' ? (
      <Alert type="error" showIcon message={error} />
    ) : (
      <Alert
        type="error"
        showIcon
        data-testid="lrmx-error"
        message={error.message}
        description={
          error.fields.length > 0 && (
            <ul className="xh-lrmx-issues">
              {error.fields.map((f) => (
                <li key={f.path}>
                  {f.path}: {f.message}
                </li>
              ))}
            </ul>
          )
        }
      />
    ));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('lrmx.title')}</Typography.Title>
        <Link to="/import">{t('lrmx.toExcel')}</Link>
      </div>
      <Card size="small">
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('lrmx.hint')}</Typography.Text>
          <label>
            <input
              type="file"
              accept=".lrmx,.zip,application/zip,application/xml"
              style={{ display: 'none' }}
              data-testid="lrmx-file"
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void upload(f);
              }}
            />
            <Button
              type={session ? 'default' : 'primary'}
              icon={<UploadOutlined />}
              loading={uploading}
              onClick={(e) => (e.currentTarget.previousSibling as HTMLInputElement | null)?.click()}
            >
              {session ? t('lrmx.reupload') : t('lrmx.upload')}
            </Button>
          </label>
        </Space>
      </Card>
      {errorBlock}
      {session && applied && (
        <Result
          status="success"
          title={t('lrmx.applied')}
          subTitle={t('lrmx.appliedCounts', {
            updated: session.files.filter((f) => f.result === 'updated').length,
            created: session.files.filter((f) => f.result === 'created').length,
            unchanged: session.files.filter((f) => f.result === 'unchanged' || f.result === 'skipped').length,
          })}
          data-testid="lrmx-applied"
        />
      )}
      {session && (
        <Card
          size="small"
          title={t('lrmx.files', {
            files: counts.files,
            matched: counts.matched,
            fresh: counts.fresh,
            errors: counts.errors,
          })}
        >
          <Table<LrmxFile>
            size="small"
            rowKey="index"
            dataSource={session.files}
            pagination={session.files.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: true }}
            onRow={(f) => ({ onClick: () => setSelected(f.index), style: { cursor: 'pointer' } })}
            rowClassName={(f) => (f.index === selected ? 'ant-table-row-selected' : '')}
            columns={[
              { key: 'name', title: t('lrmx.col.file'), dataIndex: 'name' },
              { key: 'status', title: t('lrmx.col.status'), render: (_, f) => statusTag(f) },
              {
                key: 'person',
                title: t('lrmx.col.person'),
                render: (_, f) =>
                  f.personId ? (
                    <Link to={`/people/${f.personId}`}>{f.personName}</Link>
                  ) : (
                    (f.personName ?? '–')
                  ),
              },
              {
                key: 'detail',
                title: t('lrmx.col.detail'),
                render: (_, f) =>
                  f.status === 'error' ? (
                    <Typography.Text type="danger">{f.errorMessage}</Typography.Text>
                  ) : (
                    t('lrmx.differences', { n: f.differences.length })
                  ),
              },
              ...(applied
                ? [
                    {
                      key: 'result',
                      title: t('lrmx.col.result'),
                      render: (_: unknown, f: LrmxFile) => resultText(f.result),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}
      {session && current && current.status !== 'error' && (
        <Card
          size="small"
          title={t('lrmx.diffTitle', { name: current.personName ?? current.name })}
          extra={
            !applied &&
            current.differences.length > 0 && (
              <Space wrap>
                <Button
                  size="small"
                  data-testid="lrmx-accept-all"
                  onClick={() =>
                    setAccept(
                      current.index,
                      current.differences.map((d) => d.field),
                      true,
                    )
                  }
                >
                  {t('lrmx.acceptAll')}
                </Button>
                <Button
                  size="small"
                  onClick={() =>
                    setAccept(
                      current.index,
                      current.differences.map((d) => d.field),
                      false,
                    )
                  }
                >
                  {t('lrmx.rejectAll')}
                </Button>
              </Space>
            )
          }
        >
          {current.status === 'new' && !applied && (
            <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
              <Alert type="info" showIcon message={t('lrmx.newHint')} />
              <OrgTreeSelect
                value={decisions[current.index]?.orgId ?? null}
                onChange={(orgId) =>
                  setDecisions((d) => ({
                    ...d,
                    [current.index]: { accept: new Set(d[current.index]?.accept), orgId },
                  }))
                }
                selectable={(o) => o.kind === 'village'}
                placeholder={t('lrmx.chooseOrg')}
                style={{ width: '100%', maxWidth: 360 }}
              />
            </Space>
          )}
          {current.differences.length === 0 ? (
            <Typography.Text type="secondary" data-testid="lrmx-no-diff">
              {t('lrmx.noDifference')}
            </Typography.Text>
          ) : (
            <Table
              size="small"
              rowKey="field"
              pagination={false}
              scroll={{ x: 560 }}
              dataSource={current.differences}
              data-testid="lrmx-diff"
              columns={[
                {
                  key: 'field',
                  title: t('lrmx.col.field'),
                  width: 120,
                  render: (_, d) => (lang === 'en' ? d.label.en : d.label.zh),
                },
                {
                  key: 'before',
                  title: t('lrmx.col.before'),
                  render: (_, d) => <span className="xh-lrmx-text">{d.before || '–'}</span>,
                },
                {
                  key: 'after',
                  title: t('lrmx.col.after'),
                  render: (_, d) => <span className="xh-lrmx-text">{d.after || '–'}</span>,
                },
                {
                  key: 'accept',
                  title: t('lrmx.col.accept'),
                  width: 110,
                  // Kept in view when a narrow screen scrolls the texts sideways.
                  fixed: 'right' as const,
                  render: (_, d) => (
                    <Switch
                      size="small"
                      disabled={applied}
                      checked={decisions[current.index]?.accept.has(d.field) ?? false}
                      checkedChildren={t('lrmx.accept')}
                      unCheckedChildren={t('lrmx.reject')}
                      onChange={(on) => setAccept(current.index, [d.field], on)}
                      data-testid={`lrmx-accept-${d.field}`}
                    />
                  ),
                },
              ]}
            />
          )}
        </Card>
      )}
      {session && !applied && (
        <Space wrap>
          <Button type="primary" loading={applying} onClick={() => void apply()} data-testid="lrmx-apply">
            {t('lrmx.apply')}
          </Button>
          <Typography.Text type="secondary">{t('lrmx.applyHint')}</Typography.Text>
        </Space>
      )}
    </Space>
  );
}
