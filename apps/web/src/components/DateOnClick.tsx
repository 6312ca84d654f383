// A date field whose picker (antd's DatePicker and its calendar engine, ~30 kB compressed) is fetched on
// the first click: the field shows its date as a plain button until then, so a page that only shows a date
// on its first screen (the dashboard's 统计日期) does not load the picker.
import { CalendarOutlined } from '@ant-design/icons';
import type { DatePickerProps } from 'antd';
import type { Dayjs } from 'dayjs';
import { lazy, Suspense, useState } from 'react';

const DatePicker = lazy(() => import('antd/es/date-picker'));

interface DateOnClickProps extends Omit<DatePickerProps, 'onChange'> {
  onChange?: (date: Dayjs | null) => void;
  /** The shown date, as the picker would show it. */
  text: string;
  'data-testid'?: string;
  'aria-label'?: string;
}

export function DateOnClick({ text, ...picker }: DateOnClickProps) {
  const [active, setActive] = useState(false);
  const button = (
    <button
      type="button"
      className="xh-date-on-click"
      onClick={() => setActive(true)}
      data-testid={picker['data-testid']}
      // The visible date is part of the name (axe label-content-name-mismatch).
      aria-label={picker['aria-label'] ? `${picker['aria-label']} ${text}` : undefined}
    >
      <span className="xh-mono">{text}</span>
      <CalendarOutlined aria-hidden />
    </button>
  );
  if (!active) return button;
  return (
    <Suspense fallback={button}>
      <DatePicker {...(picker as Record<string, unknown>)} defaultOpen autoFocus />
    </Suspense>
  );
}
