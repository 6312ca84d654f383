// 新建 / 编辑见面会: title, date, level and host, venue, topic, minutes, and participants with attendance and speeches.
import {
  DownloadOutlined,
  MinusCircleOutlined,
  PlusOutlined,
  TeamOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  MEETING_HOST_LEVELS,
  type MeetingBody,
  type MeetingDetail,
  type MeetingHostLevel,
  PARTICIPANT_ROLES,
  type ParticipantRole,
} from '@xinhuo/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { isApiError, type ApiFieldError } from '../../api/client';
import { meetingsApi } from '../../api/endpoints';
import { SheetRowErrors } from '../../components/SheetRowErrors';
import { QueryError } from '../../components/QueryError';
import { useLanguage, useT } from '../../i18n/use-t';
import { applyServerFieldErrors } from '../../lib/form-errors';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { matterLabel } from '../../features/matters/matter-labels';
import { canHost } from './host-kinds';
import { RosterPickModal } from './RosterPickModal';
import '../../features/matters/matters.css';
import './meetings.css';

interface ParticipantValues {
  /** Set when picked from the roster: the name is the roster's and the speaker links to their page. */
  personId?: string | null;
  orgId?: string | null;
  name?: string;
  role?: ParticipantRole;
  attended?: boolean;
  spoke?: boolean;
  speechTopic?: string;
}

interface Values {
  seriesId?: string;
  title?: string;
  meetingDate?: Dayjs;
  hostLevel?: MeetingHostLevel;
  hostOrgId?: string;
  venueOrgId?: string;
  venueText?: string;
  topic?: string;
  minutes?: string;
  participants?: ParticipantValues[];
}

const FIELDS = ['seriesId', 'title', 'meetingDate', 'hostLevel', 'hostOrgId', 'venueOrgId', 'participants'];

function toValues(m: MeetingDetail | undefined): Values {
  if (!m) return { hostLevel: 'city', meetingDate: dayjs(), participants: [] };
  return {
    seriesId: m.seriesId ?? undefined,
    title: m.title,
    meetingDate: dayjs(m.meetingDate),
    hostLevel: m.hostLevel,
    hostOrgId: m.hostOrgId,
    venueOrgId: m.venueOrgId ?? undefined,
    venueText: m.venueOrgId ? undefined : (m.venueName ?? undefined),
    topic: m.topic ?? undefined,
    minutes: m.minutes ?? undefined,
    participants: m.participants.map((p) => ({ ...p, speechTopic: p.speechTopic ?? undefined })),
  };
}

function toInput(v: Values): MeetingBody {
  const text = (s?: string) => s?.trim() || null;
  return {
    seriesId: v.seriesId ?? null,
    title: v.title!.trim(),
    meetingDate: v.meetingDate!.format('YYYY-MM-DD'),
    hostLevel: v.hostLevel!,
    hostOrgId: v.hostOrgId!,
    venueOrgId: v.venueOrgId ?? null,
    venueText: text(v.venueText),
    topic: text(v.topic),
    minutes: text(v.minutes),
    participants: (v.participants ?? []).map((p) => ({
      personId: p.personId ?? null,
      orgId: p.orgId ?? null,
      name: p.name!.trim(),
      role: p.role ?? 'attendee',
      attended: Boolean(p.attended),
      spoke: Boolean(p.spoke),
      speechTopic: p.spoke ? text(p.speechTopic) : null,
    })),
  };
}

function ParticipantsField() {
  const t = useT();
  const lang = useLanguage();
  const form = Form.useFormInstance<Values>();
  const { message } = App.useApp();
  const [picking, setPicking] = useState(false);
  const [reading, setReading] = useState(false);
  const [sheetErrors, setSheetErrors] = useState<ApiFieldError[]>([]);
  const sheetInput = useRef<HTMLInputElement>(null);
  const current = Form.useWatch('participants', form) ?? [];
  const present = new Set(current.map((p) => p?.personId).filter((x): x is string => Boolean(x)));
  const presentNames = new Set(current.filter((p) => p && !p.personId).map((p) => p!.name?.trim()));

  /** A 签到表 read by the server: its people join the list (someone already in it is not added twice). */
  const readSheet = async (file: File, add: (p: ParticipantValues) => void) => {
    setReading(true);
    setSheetErrors([]);
    try {
      const r = await meetingsApi.readSignInSheet(file);
      let added = 0;
      for (const p of r.participants) {
        if (p.personId ? present.has(p.personId) : presentNames.has(p.name)) continue;
        add(p);
        added++;
      }
      void message.success(t('meeting.sheetRead', { rows: r.rows, roster: r.fromRoster, added }));
    } catch (e) {
      if (isApiError(e) && e.fields.length > 0) setSheetErrors(e.fields);
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setReading(false);
    }
  };
  return (
    <Form.List name="participants">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => {
            const fromRoster = Boolean(current[field.name]?.personId);
            return (
              <Space
                key={field.key}
                align="baseline"
                wrap
                className="xh-participant-row"
                data-testid="participant-row"
              >
                <Form.Item name={[field.name, 'personId']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item name={[field.name, 'orgId']} hidden>
                  <Input />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'name']}
                  rules={[
                    { required: true, whitespace: true, message: t('meeting.participantNameRequired') },
                  ]}
                >
                  <Input
                    placeholder={t('meeting.participantName')}
                    aria-label={t('meeting.participantName')}
                    style={{ width: 140 }}
                    maxLength={50}
                    disabled={fromRoster}
                    suffix={
                      fromRoster ? <Tag className="xh-roster-tag">{t('meeting.fromRoster')}</Tag> : undefined
                    }
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'role']}>
                  <Select
                    style={{ width: 100 }}
                    options={PARTICIPANT_ROLES.map((r) => ({
                      value: r,
                      label: matterLabel('participantRole', r, lang),
                    }))}
                  />
                </Form.Item>
                <Form.Item name={[field.name, 'attended']} valuePropName="checked">
                  <Checkbox>{t('meeting.attended')}</Checkbox>
                </Form.Item>
                <Form.Item name={[field.name, 'spoke']} valuePropName="checked">
                  <Checkbox>{t('meeting.spoke')}</Checkbox>
                </Form.Item>
                <Form.Item name={[field.name, 'speechTopic']} rules={[{ max: 200 }]}>
                  <Input placeholder={t('meeting.speechTopic')} style={{ width: 260 }} maxLength={200} />
                </Form.Item>
                <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('common.remove')} />
              </Space>
            );
          })}
          <Space wrap>
            <Button
              type="dashed"
              icon={<TeamOutlined />}
              onClick={() => setPicking(true)}
              data-testid="participants-from-roster"
            >
              {t('meeting.pickFromRoster')}
            </Button>
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ role: 'attendee', attended: true, spoke: false })}
            >
              {t('meeting.addParticipant')}
            </Button>
            <input
              ref={sheetInput}
              type="file"
              accept=".xlsx"
              hidden
              data-testid="participants-sheet-file"
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) void readSheet(file, add);
              }}
            />
            <Button
              type="dashed"
              icon={<UploadOutlined />}
              loading={reading}
              onClick={() => sheetInput.current?.click()}
              data-testid="participants-sheet"
            >
              {t('meeting.importSheet')}
            </Button>
            <Button type="link" icon={<DownloadOutlined />} onClick={() => void meetingsApi.signInTemplate()}>
              {t('meeting.sheetTemplate')}
            </Button>
          </Space>
          <SheetRowErrors
            errors={sheetErrors}
            title={t('meeting.sheetErrors')}
            testId="participants-sheet-errors"
          />
          <RosterPickModal
            open={picking}
            exclude={present}
            onClose={() => setPicking(false)}
            onPick={(people) =>
              people.forEach((p) =>
                add({
                  personId: p.personId,
                  orgId: p.orgId,
                  name: p.name,
                  role: 'attendee',
                  attended: true,
                  spoke: false,
                }),
              )
            }
          />
        </>
      )}
    </Form.List>
  );
}

function MeetingForm({ meeting }: { meeting?: MeetingDetail }) {
  const t = useT();
  const lang = useLanguage();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const level = Form.useWatch('hostLevel', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const series = useQuery({
    queryKey: ['meetings', 'series'],
    queryFn: ({ signal }) => meetingsApi.series(signal),
  });

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const input = toInput(v);
      const saved = meeting
        ? await meetingsApi.update(meeting.id, meeting.version, input)
        : await meetingsApi.create(input);
      queryClient.setQueryData(['meetings', 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['meetings', 'list'] });
      void queryClient.invalidateQueries({ queryKey: ['meetings', 'calendar'] });
      void navigate(`/meetings/${encodeURIComponent(saved.id)}`);
    } catch (e) {
      applyServerFieldErrors(form, e, FIELDS);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={toValues(meeting)}
      onFinish={(v) => void onFinish(v)}
      data-testid="meeting-form"
      onValuesChange={(changed: Values) => {
        // Picking a series fills in its level and host.
        const s = changed.seriesId && series.data?.items.find((x) => x.id === changed.seriesId);
        if (s) form.setFieldsValue({ hostLevel: s.hostLevel, hostOrgId: s.hostOrgId });
      }}
    >
      {error && <Alert type="error" showIcon title={error} className="xh-form-alert" />}
      <Card size="small" title={t('meeting.basics')}>
        <div className="xh-form-row">
          <Form.Item name="seriesId" label={t('meeting.series')}>
            <Select
              allowClear
              options={(series.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            />
          </Form.Item>
          <Form.Item
            name="meetingDate"
            label={t('meeting.date')}
            rules={[{ required: true, message: t('meeting.dateRequired') }]}
          >
            <DatePicker />
          </Form.Item>
        </div>
        <Form.Item
          name="title"
          label={t('meeting.title')}
          rules={[
            { required: true, whitespace: true, message: t('meeting.titleRequired') },
            { min: 2, max: 120 },
          ]}
        >
          <Input maxLength={120} showCount />
        </Form.Item>
        <div className="xh-form-row">
          <Form.Item name="hostLevel" label={t('meeting.hostLevel')} rules={[{ required: true }]}>
            <Radio.Group
              onChange={() => form.setFieldValue('hostOrgId', undefined)}
              options={MEETING_HOST_LEVELS.map((l) => ({
                value: l,
                label: matterLabel('hostLevel', l, lang),
              }))}
            />
          </Form.Item>
          <Form.Item
            name="hostOrgId"
            label={t('meeting.host')}
            rules={[{ required: true, message: t('meeting.hostRequired') }]}
          >
            <OrgTreeSelect selectable={(o) => canHost(level, o)} />
          </Form.Item>
        </div>
        <div className="xh-form-row">
          <Form.Item name="venueOrgId" label={t('meeting.venueVillage')}>
            <OrgTreeSelect selectable={(o) => o.kind === 'village'} />
          </Form.Item>
          <Form.Item name="venueText" label={t('meeting.venueText')} rules={[{ max: 120 }]}>
            <Input maxLength={120} />
          </Form.Item>
        </div>
        <Form.Item name="topic" label={t('meeting.topic')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
        <Form.Item
          name="minutes"
          label={t('meeting.minutes')}
          extra={t('meeting.minutesHint')}
          rules={[{ max: 20000 }]}
        >
          <Input.TextArea rows={6} maxLength={20000} />
        </Form.Item>
      </Card>
      <Card size="small" title={t('meeting.participants')} className="xh-section">
        <ParticipantsField />
      </Card>
      <Space className="xh-section">
        <Button type="primary" htmlType="submit" loading={busy} data-testid="meeting-save">
          {t('meeting.save')}
        </Button>
        <Button
          onClick={() => void navigate(meeting ? `/meetings/${encodeURIComponent(meeting.id)}` : '/meetings')}
        >
          {t('common.cancel')}
        </Button>
      </Space>
    </Form>
  );
}

export default function MeetingFormPage() {
  const t = useT();
  const { id } = useParams();
  const meeting = useQuery({
    queryKey: ['meetings', 'detail', id],
    queryFn: ({ signal }) => meetingsApi.get(id!, signal),
    enabled: Boolean(id),
  });
  if (id && meeting.isError)
    return <QueryError error={meeting.error} onRetry={() => void meeting.refetch()} />;
  if (id && !meeting.data) return <Spin size="large" className="xh-page-spin" />;
  return (
    <div data-testid="meeting-form-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{id ? t('meeting.edit') : t('meetings.new')}</Typography.Title>
      </div>
      <MeetingForm meeting={meeting.data} />
    </div>
  );
}
