// 登记事项: the form that registers one matter (on a meeting page, or directly from the board), with its
// attachments: checked when picked, uploaded with progress once the matter exists.
import { UploadOutlined } from '@ant-design/icons';
import {
  AutoComplete,
  Alert,
  App,
  Button,
  Form,
  Input,
  Progress,
  Select,
  Upload,
  type UploadFile,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { ATTACHMENT_ACCEPT, ATTACHMENT_LIMITS, type RaiseMatterBody } from '@xinhuo/shared';
import { attachmentsApi } from '../../api/attachment-endpoints';
import { peopleApi } from '../../api/endpoints';
import { isApiError } from '../../api/client';
import { hasPermission, useMe } from '../../auth/me-context';
import { useLanguage, useT } from '../../i18n/use-t';
import { MAX_ATTACHMENT_SIZE, attachmentRefusal } from '../../lib/attachment-check';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { labels } from '../../lib/labels';
import { useMatterCatalog } from './use-catalog';

interface FormValues {
  title?: string;
  description?: string;
  categoryCode?: string;
  priorityCode?: string;
  villageId?: string;
  raiserName?: string;
}

const FIELDS = ['title', 'description', 'categoryCode', 'priorityCode', 'villageId', 'raiserName'] as const;

interface RaiseMatterFormProps {
  /** Registers the matter and answers its id (the attachments are uploaded to it afterwards). */
  submit: (input: RaiseMatterBody) => Promise<string>;
  /** Names offered for the raiser (e.g. the meeting's speakers). */
  raiserSuggestions?: string[];
  /** After the matter and its files are stored. */
  onDone?: (matterId: string) => void;
}

export function RaiseMatterForm({ submit, raiserSuggestions = [], onDone }: RaiseMatterFormProps) {
  const t = useT();
  const lang = useLanguage();
  const me = useMe();
  const catalog = useMatterCatalog();
  const [form] = Form.useForm<FormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  /** Files held so far, counted as they are picked (a multi-file pick calls beforeUpload once per file). */
  const held = useRef(0);
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const { message } = App.useApp();
  // A village secretary raises for the own village: it is the default.
  const ownVillage =
    me.scopeOrgs.length === 1 && me.scopeOrgs[0]!.kind === 'village' ? me.scopeOrgs[0] : null;

  const required = (message: string) => ({ required: true, whitespace: true, message });

  // The raiser is a person of the village's roster when the name is one of theirs (picked or typed);
  // another name is kept as typed (a guest). A village secretary's own village offers its secretary first.
  const villageId = Form.useWatch('villageId', form);
  const raiserName = (Form.useWatch('raiserName', form) ?? '').trim();
  const villagers = useQuery({
    queryKey: ['raise', 'villagers', villageId],
    queryFn: ({ signal }) =>
      peopleApi.list({ orgId: villageId, committee: 'any', page: 1, pageSize: 100, sort: 'org' }, signal),
    enabled: Boolean(villageId) && hasPermission(me, 'roster:read'),
    staleTime: 60_000,
  });
  const people = villagers.data?.items ?? [];
  const named = people.filter((p) => p.name === raiserName);
  const raiserPerson = named.length === 1 ? named[0]! : null;
  const postOf = (p: (typeof people)[number]) =>
    p.positions
      .filter((x) => x.orgId === villageId)
      .map((x) => labels.positionRole(x.role, lang))
      .join(lang === 'en' ? ', ' : '、');
  useEffect(() => {
    if (!ownVillage || villageId !== ownVillage.id || form.getFieldValue('raiserName')) return;
    const secretary = people.find((p) => p.positions.some((x) => x.role === 'party_secretary'));
    if (secretary) form.setFieldValue('raiserName', secretary.name);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once the village's people are in
  }, [villagers.data]);

  const onFinish = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    let matterId: string;
    try {
      matterId = await submit({
        title: v.title!.trim(),
        description: v.description!.trim(),
        categoryCode: v.categoryCode!,
        priorityCode: v.priorityCode || undefined,
        villageId: v.villageId!,
        raiserName: v.raiserName!.trim(),
        raiserPersonId: raiserPerson?.id,
      });
    } catch (e) {
      if (isApiError(e) && e.fields.length > 0) {
        const known = e.fields
          .map((f) => ({ name: f.path.split('.').pop() ?? '', message: f.message }))
          .filter((f) => (FIELDS as readonly string[]).includes(f.name));
        form.setFields(known.map((f) => ({ name: f.name as keyof FormValues, errors: [f.message] })));
      }
      setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
      return;
    }
    // The matter exists now: its files follow one by one; a failed one is reported, not retried.
    const failed: string[] = [];
    for (const f of files) {
      if (!f.originFileObj) continue;
      setProgress({ name: f.name, percent: 0 });
      try {
        await attachmentsApi.upload('matter', matterId, f.originFileObj, (percent) =>
          setProgress({ name: f.name, percent }),
        );
      } catch (e) {
        failed.push(`${f.name}（${isApiError(e) ? e.message : String(e)}）`);
      }
    }
    setProgress(null);
    if (failed.length > 0)
      void message.warning(t('raise.attachmentsFailed', { files: failed.join('；') }), 8);
    form.resetFields();
    setFiles([]);
    held.current = 0;
    setBusy(false);
    onDone?.(matterId);
  };

  return (
    <Form<FormValues>
      form={form}
      layout="vertical"
      data-testid="raise-form"
      initialValues={{ villageId: ownVillage?.id, priorityCode: 'normal' }}
      onFinish={(v) => void onFinish(v)}
    >
      {error && <Alert type="error" showIcon title={error} className="xh-form-alert" />}
      <Form.Item
        name="title"
        label={t('matter.title')}
        rules={[required(t('raise.titleRequired')), { min: 2, max: 120, message: t('raise.titleLength') }]}
      >
        <Input maxLength={120} showCount data-testid="raise-title" />
      </Form.Item>
      <Form.Item
        name="description"
        label={t('matter.description')}
        rules={[required(t('raise.descriptionRequired')), { min: 2, max: 4000 }]}
      >
        <Input.TextArea rows={3} maxLength={4000} data-testid="raise-description" />
      </Form.Item>
      <div className="xh-form-row">
        <Form.Item
          name="categoryCode"
          label={t('matter.category')}
          rules={[{ required: true, message: t('raise.categoryRequired') }]}
        >
          <Select
            data-testid="raise-category"
            options={(catalog.data?.categories ?? [])
              .filter((c) => c.isActive)
              .map((c) => ({ value: c.code, label: lang === 'en' ? c.nameEn : c.nameZh }))}
          />
        </Form.Item>
        <Form.Item name="priorityCode" label={t('matter.priority')}>
          <Select
            data-testid="raise-priority"
            options={(catalog.data?.priorities ?? [])
              .filter((p) => p.isActive)
              .map((p) => ({
                value: p.code,
                label: t('raise.priorityOption', {
                  name: lang === 'en' ? p.nameEn : p.nameZh,
                  days: p.handleWorkdays,
                }),
              }))}
          />
        </Form.Item>
      </div>
      <div className="xh-form-row">
        <Form.Item
          name="villageId"
          label={t('matter.village')}
          rules={[{ required: true, message: t('raise.villageRequired') }]}
        >
          <OrgTreeSelect selectable={(o) => o.kind === 'village'} testId="raise-village" />
        </Form.Item>
        <Form.Item
          name="raiserName"
          label={t('matter.raiser')}
          rules={[required(t('raise.raiserRequired')), { max: 50 }]}
          extra={
            raiserName && villagers.isSuccess ? (
              <span data-testid="raise-raiser-link">
                {raiserPerson
                  ? t('raise.raiserLinked', { name: raiserPerson.name, post: postOf(raiserPerson) || '—' })
                  : t('raise.raiserNotOnRoster')}
              </span>
            ) : undefined
          }
        >
          <AutoComplete
            options={[
              ...people.map((p) => ({
                value: p.name,
                label: [p.name, postOf(p)].filter(Boolean).join(' · '),
              })),
              ...[...new Set(raiserSuggestions)]
                .filter((n) => !people.some((p) => p.name === n))
                .map((n) => ({ value: n })),
            ]}
            filterOption={(input, o) => String(o?.value ?? '').includes(input.trim())}
            data-testid="raise-raiser"
            placeholder={t('raise.raiserPlaceholder')}
          />
        </Form.Item>
      </div>
      <Form.Item
        label={t('attachments.title')}
        extra={t('attachments.hint', { size: MAX_ATTACHMENT_SIZE, count: ATTACHMENT_LIMITS.perOwner })}
      >
        <Upload
          multiple
          accept={ATTACHMENT_ACCEPT}
          fileList={files}
          beforeUpload={(file) => {
            const why = attachmentRefusal(file, held.current, t);
            if (why) {
              void message.error(why);
              return Upload.LIST_IGNORE;
            }
            // Held until the matter exists; uploaded on submit.
            held.current += 1;
            setFiles((fs) => [
              ...fs,
              { uid: file.uid, name: file.name, size: file.size, originFileObj: file },
            ]);
            return false;
          }}
          onRemove={(f) => {
            held.current = Math.max(0, held.current - 1);
            setFiles((fs) => fs.filter((x) => x.uid !== f.uid));
          }}
          disabled={busy}
        >
          <Button icon={<UploadOutlined />} data-testid="raise-attach">
            {t('raise.attach')}
          </Button>
        </Upload>
      </Form.Item>
      {progress && (
        <div data-testid="raise-upload-progress">
          {t('attachments.uploading', { name: progress.name })}
          <Progress percent={progress.percent} size="small" />
        </div>
      )}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="raise-submit">
        {t('raise.submit')}
      </Button>
    </Form>
  );
}
