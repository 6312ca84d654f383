// Picks a person of the roster in the caller's scope (terms and seats, campaign candidates).
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { peopleApi } from '../api/endpoints';
import { useT } from '../i18n/use-t';

/** A person of the roster in the caller's scope, searched by name or pinyin as typed. */
export function PersonSelect({
  orgId,
  value,
  onChange,
  testId,
}: {
  orgId: string;
  value?: string;
  onChange?: (v: string) => void;
  testId: string;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['terms', 'people', orgId, q],
    queryFn: ({ signal }) =>
      peopleApi.list({ orgId, q: q || undefined, page: 1, pageSize: 20, sort: 'name' }, signal),
  });
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={onChange}
      placeholder={t('terms.personSearch')}
      loading={found.isFetching}
      data-testid={testId}
      options={(found.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name}（${p.birthDate.slice(0, 7)}）`,
      }))}
    />
  );
}
