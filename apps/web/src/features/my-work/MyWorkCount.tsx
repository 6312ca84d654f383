// The number of items waiting in My work, beside its menu entry.
import { Badge } from 'antd';
import { useT } from '../../i18n/use-t';
import { useMyWorkCounts } from './use-my-work';
import './my-work-count.css';

export function MyWorkCount() {
  const t = useT();
  const counts = useMyWorkCounts();
  const total = counts.data?.total ?? 0;
  if (total === 0) return null;
  return (
    <span data-testid="my-work-count" data-count={total}>
      <Badge
        count={total}
        overflowCount={999}
        size="small"
        className="xh-nav-count"
        title={t('myWork.all', { n: total })}
      />
    </span>
  );
}
