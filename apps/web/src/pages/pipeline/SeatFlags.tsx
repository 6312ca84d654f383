// A seat's risk flags as tags.
import { Tag } from 'antd';
import type { SeatRiskFlag } from '@xinhuo/shared';
import { useT, type MessageKey } from '../../i18n/use-t';

const COLORS: Record<SeatRiskFlag, string> = { vacant: 'red', age: 'orange', term: 'gold' };

export function FlagTags({ flags }: { flags: readonly SeatRiskFlag[] }) {
  const t = useT();
  return (
    <>
      {flags.map((f) => (
        <Tag key={f} color={COLORS[f]} data-testid={`flag-${f}`}>
          {t(`succession.flag.${f}` as MessageKey)}
        </Tag>
      ))}
    </>
  );
}
