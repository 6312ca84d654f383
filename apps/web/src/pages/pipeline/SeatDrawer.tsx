// One village secretary seat: incumbent and flags, the bench with readiness and rank, the trained
// candidates ranked by the transparent score (each component shown), the recommendations and
// decisions, and the forms that add to the bench and record a recommendation or decision.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { BENCH_READINESS, fieldMessage, type SeatDetail, type SuccessionRecordKind } from '@xinhuo/shared';
import { isApiError } from '../../api/client';
import { pipelineApi } from '../../api/pipeline-endpoints';
import { successionApi } from '../../api/succession-endpoints';
import { hasPermission, useMe } from '../../auth/me-context';
import { QueryError } from '../../components/QueryError';
import { useIsPhone } from '../../lib/use-is-phone';
import { useLanguage, useT, type MessageKey } from '../../i18n/use-t';
import { FlagTags } from './SeatFlags';
import { tierName } from './labels';

const today = () => new Date().toISOString().slice(0, 10);

interface BenchValues {
  candidateId: string;
  forSeat: boolean;
  readiness: (typeof BENCH_READINESS)[number];
  rank: number;
  date: string;
}
interface RecordValues {
  kind: SuccessionRecordKind;
  candidateId: string;
  date: string;
  note: string;
}

function Forms({ seat, onSaved }: { seat: SeatDetail; onSaved: (s: SeatDetail) => void }) {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const { message } = App.useApp();
  const [bench] = Form.useForm<BenchValues>();
  const [rec] = Form.useForm<RecordValues>();
  const [error, setError] = useState<string | null>(null);
  const required = { required: true, message: fieldMessage('required', lang) };
  const trained = useQuery({
    queryKey: ['pipeline', 'candidates', 'in_training'],
    queryFn: ({ signal }) => pipelineApi.candidates({ state: 'in_training', page: 1, pageSize: 100 }, signal),
  });
  const options = new Map<string, string>();
  for (const r of seat.ranking) options.set(r.candidateId, `${r.personName} · ${r.orgName} · ${r.total}`);
  for (const e of seat.entries) options.set(e.candidateId, `${e.personName} · ${e.orgName}`);
  for (const c of trained.data?.items ?? [])
    if (!options.has(c.id)) options.set(c.id, `${c.personName} · ${c.orgName}`);
  const candidateOptions = [...options].map(([value, label]) => ({ value, label }));
  const done = (s: SeatDetail) => {
    setError(null);
    void message.success(t('succession.saved'));
    onSaved(s);
  };
  const fail = (e: unknown) => setError(isApiError(e) ? e.message : String(e));
  const addBench = useMutation({
    mutationFn: (v: BenchValues) => successionApi.addBench(seat.orgId, v),
    onSuccess: (s) => {
      bench.resetFields();
      done(s);
    },
    onError: fail,
  });
  const record = useMutation({
    mutationFn: (v: RecordValues) => successionApi.record(seat.orgId, { ...v, note: v.note.trim() }),
    onSuccess: (s) => {
      rec.resetFields();
      done(s);
    },
    onError: fail,
  });
  if (!hasPermission(me, 'pipeline:nominate') && !hasPermission(me, 'pipeline:manage')) return null;
  const kinds: SuccessionRecordKind[] = hasPermission(me, 'pipeline:manage')
    ? ['recommendation', 'decision']
    : ['recommendation'];
  return (
    <>
      {error && (
        <Alert type="error" showIcon title={error} className="xh-section" data-testid="succession-error" />
      )}
      <Typography.Title level={4}>{t('succession.addBench')}</Typography.Title>
      <Form<BenchValues>
        form={bench}
        layout="vertical"
        initialValues={{
          forSeat: true,
          readiness: 'ready_now',
          rank: seat.entries.length + 1,
          date: today(),
        }}
        onFinish={(v) => addBench.mutate(v)}
      >
        <Form.Item name="candidateId" label={t('succession.form.candidate')} rules={[required]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={candidateOptions}
            data-testid="bench-candidate"
          />
        </Form.Item>
        <Space wrap>
          <Form.Item name="forSeat" label={t('succession.form.scope')}>
            <Select
              style={{ minWidth: 120 }}
              options={[
                { value: true, label: t('succession.bench.forSeat') },
                { value: false, label: t('succession.bench.forTown') },
              ]}
            />
          </Form.Item>
          <Form.Item name="readiness" label={t('succession.form.readiness')}>
            <Select
              style={{ minWidth: 120 }}
              options={BENCH_READINESS.map((r) => ({
                value: r,
                label: t(`succession.readiness.${r}` as MessageKey),
              }))}
              data-testid="bench-readiness"
            />
          </Form.Item>
          <Form.Item name="rank" label={t('succession.form.rank')} rules={[required]}>
            <InputNumber min={1} max={99} />
          </Form.Item>
          <Form.Item name="date" label={t('succession.form.date')} rules={[required]}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Button htmlType="submit" loading={addBench.isPending} data-testid="bench-submit">
          {t('succession.addBench')}
        </Button>
      </Form>
      <Typography.Title level={4}>{t('succession.record')}</Typography.Title>
      <Form<RecordValues>
        form={rec}
        layout="vertical"
        initialValues={{ kind: 'recommendation', date: today() }}
        onFinish={(v) => record.mutate(v)}
      >
        <Space wrap>
          <Form.Item name="kind" label={t('succession.form.kind')}>
            <Select
              style={{ minWidth: 120 }}
              options={kinds.map((k) => ({ value: k, label: t(`succession.kind.${k}` as MessageKey) }))}
              data-testid="record-kind"
            />
          </Form.Item>
          <Form.Item name="date" label={t('succession.form.date')} rules={[required]}>
            <Input type="date" />
          </Form.Item>
        </Space>
        <Form.Item name="candidateId" label={t('succession.form.candidate')} rules={[required]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={candidateOptions}
            data-testid="record-candidate"
          />
        </Form.Item>
        <Form.Item name="note" label={t('succession.form.note')} rules={[required]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="record-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending} data-testid="record-submit">
          {t('succession.record')}
        </Button>
      </Form>
    </>
  );
}

export function SeatDrawer({
  seatId,
  date,
  onClose,
}: {
  seatId: string;
  date?: string;
  onClose: () => void;
}) {
  const t = useT();
  const lang = useLanguage();
  const isPhone = useIsPhone();
  const queryClient = useQueryClient();
  const key = ['pipeline', 'succession', 'seat', seatId, date ?? ''];
  const seat = useQuery({ queryKey: key, queryFn: ({ signal }) => successionApi.seat(seatId, date, signal) });
  const s = seat.data;
  return (
    <Drawer
      open
      onClose={onClose}
      size={isPhone ? '100%' : 720}
      title={s ? t('succession.seat', { village: s.villageName }) : ''}
      data-testid="seat-drawer"
    >
      {seat.error && <QueryError error={seat.error} onRetry={() => void seat.refetch()} />}
      {s && (
        <>
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label={t('succession.col.town')}>{s.townName}</Descriptions.Item>
            <Descriptions.Item label={t('succession.col.incumbent')}>
              {s.incumbent
                ? t('succession.incumbentAge', { name: s.incumbent.name, age: s.incumbent.age })
                : t('succession.vacantSeat')}
            </Descriptions.Item>
            <Descriptions.Item label={t('succession.col.termEnd')}>{s.termEnd ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('succession.col.flags')}>
              <FlagTags flags={s.flags} />
              <Typography.Text type="secondary">
                {t('succession.threshold', { age: s.ageThreshold })}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={4}>{t('succession.bench')}</Typography.Title>
          <List
            size="small"
            data-testid="seat-bench"
            locale={{ emptyText: t('succession.bench.none') }}
            dataSource={s.entries}
            renderItem={(e) => (
              <List.Item>
                <Space wrap>
                  <Typography.Text strong>{e.personName}</Typography.Text>
                  <span>{e.orgName}</span>
                  <span>{tierName(e, lang)}</span>
                  <Tag color={e.readiness === 'ready_now' ? 'green' : undefined}>
                    {t(`succession.readiness.${e.readiness}` as MessageKey)}
                  </Tag>
                  <span>{t('succession.bench.rank', { rank: e.rank })}</span>
                  <Tag>{e.forSeat ? t('succession.bench.forSeat') : t('succession.bench.forTown')}</Tag>
                  <Typography.Text type="secondary">{e.nominatedOn}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          {s.flags.length > 0 && (
            <>
              <Typography.Title level={4}>{t('succession.ranking')}</Typography.Title>
              <List
                size="small"
                data-testid="seat-ranking"
                locale={{ emptyText: t('succession.ranking.none') }}
                dataSource={s.ranking.slice(0, 10)}
                renderItem={(r, i) => (
                  <List.Item>
                    <div style={{ width: '100%' }}>
                      <Space wrap>
                        <Typography.Text strong>
                          {i + 1}. {r.personName}
                        </Typography.Text>
                        <span>{r.orgName}</span>
                        <span>{tierName(r, lang)}</span>
                        <Tag color="red" data-testid="ranking-total">
                          {t('succession.ranking.total')} {r.total}
                        </Tag>
                      </Space>
                      <div className="xh-su-components">
                        {r.components.map((c) => (
                          <div key={c.key} data-testid={`component-${c.key}`}>
                            <Typography.Text strong>
                              {t(`succession.component.${c.key}` as MessageKey)} {c.points}/{c.max}
                            </Typography.Text>
                            <div>
                              <Typography.Text type="secondary">
                                {lang === 'en' ? c.basis.en : c.basis.zh}
                              </Typography.Text>
                            </div>
                          </div>
                        ))}
                      </div>
                    </div>
                  </List.Item>
                )}
              />
            </>
          )}
          <Typography.Title level={4}>{t('succession.records')}</Typography.Title>
          <List
            size="small"
            data-testid="seat-records"
            locale={{ emptyText: t('succession.records.none') }}
            dataSource={s.records}
            renderItem={(r) => (
              <List.Item>
                <Space wrap>
                  <Tag color={r.kind === 'decision' ? 'blue' : undefined}>
                    {t(`succession.kind.${r.kind}` as MessageKey)}
                  </Tag>
                  <span>{r.date}</span>
                  <Typography.Text strong>{r.personName}</Typography.Text>
                  <span>{r.note}</span>
                  <Typography.Text type="secondary">{r.actorName}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
          <Forms
            seat={s}
            onSaved={(next) => {
              queryClient.setQueryData(key, next);
              void queryClient.invalidateQueries({ queryKey: ['pipeline', 'succession'] });
            }}
          />
        </>
      )}
    </Drawer>
  );
}
