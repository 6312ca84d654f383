// The audit administrator's own saved searches (a name and a filter set) and the export of the filtered
// trail as .xlsx — controls beside the trail's filters; the table itself is AuditPage's.
import { DeleteOutlined, DownloadOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SavedSearch, SavedSearchFilters } from '@xinhuo/shared';
import { App, Button, Input, Popover, Select, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { newSubmissionKey } from '../../api/client';
import { auditApi, type AuditFilters } from '../../api/endpoints';
import { useT } from '../../i18n/use-t';

/** The filters that are set, as a saved search keeps them. */
function setFilters(f: AuditFilters): SavedSearchFilters {
  return Object.fromEntries(
    Object.entries(f).filter(([, v]) => v !== undefined && v !== ''),
  ) as SavedSearchFilters;
}

export function AuditSavedSearches({
  filters,
  onApply,
}: {
  filters: AuditFilters;
  onApply: (f: AuditFilters) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [chosen, setChosen] = useState<string | undefined>();
  const [submissionKey, setSubmissionKey] = useState(newSubmissionKey);
  const saved = useQuery({
    queryKey: ['audit-searches'],
    queryFn: ({ signal }) => auditApi.savedSearches(signal),
  });
  const items = saved.data?.items ?? [];
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['audit-searches'] });

  const save = useMutation({
    mutationFn: () => auditApi.saveSearch({ name: name.trim(), filters: setFilters(filters) }, submissionKey),
    onSuccess: (s: SavedSearch) => {
      void message.success(t('audit.saved.saved'));
      setSaving(false);
      setName('');
      setChosen(s.id);
      setSubmissionKey(newSubmissionKey());
      refresh();
    },
    onError: (e) => {
      setSubmissionKey(newSubmissionKey());
      void message.error(e.message);
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => auditApi.deleteSearch(id),
    onSuccess: () => {
      void message.success(t('audit.saved.deleted'));
      setChosen(undefined);
      refresh();
    },
    onError: (e) => void message.error(e.message),
  });
  const exporting = useMutation({
    mutationFn: () => auditApi.exportXlsx(filters),
    onError: (e) => void message.error(e.message),
  });

  return (
    <Space wrap size={8} data-testid="audit-saved-searches">
      <Select
        allowClear
        style={{ width: 200 }}
        placeholder={t('audit.saved.label')}
        aria-label={t('audit.saved.label')}
        value={chosen}
        loading={saved.isFetching}
        options={items.map((s) => ({ value: s.id, label: s.name }))}
        onChange={(id?: string) => {
          setChosen(id);
          const s = items.find((x) => x.id === id);
          if (s) onApply({ ...s.filters });
        }}
        data-testid="audit-saved-select"
      />
      {chosen && (
        <Tooltip title={t('audit.saved.delete')}>
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('audit.saved.delete')}
            loading={remove.isPending}
            onClick={() => remove.mutate(chosen)}
          />
        </Tooltip>
      )}
      <Popover
        open={saving}
        onOpenChange={setSaving}
        trigger="click"
        content={
          <Space.Compact>
            <Input
              autoFocus
              maxLength={40}
              placeholder={t('audit.saved.name')}
              aria-label={t('audit.saved.name')}
              value={name}
              onChange={(e) => setName(e.target.value)}
              onPressEnter={() => name.trim() && save.mutate()}
              data-testid="audit-saved-name"
            />
            <Button
              type="primary"
              disabled={!name.trim()}
              loading={save.isPending}
              onClick={() => save.mutate()}
              data-testid="audit-saved-confirm"
            >
              {t('audit.saved.save')}
            </Button>
          </Space.Compact>
        }
      >
        <Button icon={<SaveOutlined />} data-testid="audit-saved-save">
          {t('audit.saved.save')}
        </Button>
      </Popover>
      <Tooltip title={t('audit.exportHint')}>
        <Button
          icon={<DownloadOutlined />}
          loading={exporting.isPending}
          onClick={() => exporting.mutate()}
          data-testid="audit-export"
        >
          {t('audit.export')}
        </Button>
      </Tooltip>
    </Space>
  );
}
