// 新建会议系列: a recurring meeting such as the quarterly 书记讲给书记听.
import {
  MEETING_CADENCES,
  MEETING_HOST_LEVELS,
  type MeetingCadence,
  type MeetingHostLevel,
} from '@xinhuo/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { meetingsApi } from '../../api/endpoints';
import { useLanguage, useT } from '../../i18n/use-t';
import { matterLabel } from '../../features/matters/matter-labels';
import { OrgTreeSelect } from '../../components/OrgTreeSelect';
import { canHost } from './host-kinds';

interface Values {
  name: string;
  hostLevel: MeetingHostLevel;
  hostOrgId: string;
  cadence: MeetingCadence;
  description?: string;
}

export function SeriesModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const lang = useLanguage();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const level = Form.useWatch('hostLevel', form);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await meetingsApi.createSeries({
        name: v.name.trim(),
        hostLevel: v.hostLevel,
        hostOrgId: v.hostOrgId,
        cadence: v.cadence,
        description: v.description?.trim() || null,
      });
      await queryClient.invalidateQueries({ queryKey: ['meetings', 'series'] });
      void message.success(t('series.created'));
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('series.new')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy }}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} className="xh-form-alert" />}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ hostLevel: 'city', cadence: 'quarterly' }}
        onFinish={(v) => void onFinish(v)}
      >
        <Form.Item
          name="name"
          label={t('series.name')}
          rules={[
            { required: true, whitespace: true, message: t('series.nameRequired') },
            { min: 2, max: 60 },
          ]}
        >
          <Input maxLength={60} placeholder={t('series.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="hostLevel" label={t('meeting.hostLevel')} rules={[{ required: true }]}>
          <Radio.Group
            onChange={() => form.setFieldValue('hostOrgId', undefined)}
            options={MEETING_HOST_LEVELS.map((l) => ({ value: l, label: matterLabel('hostLevel', l, lang) }))}
          />
        </Form.Item>
        <Form.Item
          name="hostOrgId"
          label={t('meeting.host')}
          rules={[{ required: true, message: t('meeting.hostRequired') }]}
        >
          <OrgTreeSelect selectable={(o) => canHost(level, o)} />
        </Form.Item>
        <Form.Item name="cadence" label={t('series.cadence')} rules={[{ required: true }]}>
          <Select options={MEETING_CADENCES.map((c) => ({ value: c, label: t(`series.cadence.${c}`) }))} />
        </Form.Item>
        <Form.Item name="description" label={t('series.description')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
