// Period selector of the statistics: this year / last 12 months / custom range.
import { DatePicker, Segmented, Space } from 'antd';
import dayjs from 'dayjs';
import { useT } from '../../../i18n/use-t';
import type { PeriodPreset, PeriodView } from './period';

export function PeriodPicker({ value, onChange }: { value: PeriodView; onChange: (p: PeriodView) => void }) {
  const t = useT();
  return (
    <Space wrap>
      <Segmented<PeriodPreset>
        value={value.preset}
        data-testid="period-preset"
        onChange={(preset) => {
          if (preset !== 'custom') onChange({ preset });
          else
            onChange({
              preset,
              from: value.from ?? dayjs().startOf('year').format('YYYY-MM-DD'),
              to: value.to ?? dayjs().format('YYYY-MM-DD'),
            });
        }}
        options={[
          { value: 'year', label: t('period.year') },
          { value: 'last12', label: t('period.last12') },
          { value: 'custom', label: t('period.custom') },
        ]}
      />
      {value.preset === 'custom' && (
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(value.from), dayjs(value.to)]}
          onChange={(range) => {
            if (range?.[0] && range[1])
              onChange({
                preset: 'custom',
                from: range[0].format('YYYY-MM-DD'),
                to: range[1].format('YYYY-MM-DD'),
              });
          }}
        />
      )}
    </Space>
  );
}
