// 政策设置: the city organization department's policy pages — the loop's priority tiers, time limits and
// categories and the grade table (四岗十五级) as versions with effective dates, the working-day overrides and
// the units' webhooks.
import { Card, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useT } from '../../i18n/use-t';
import { LoopPolicyTab } from './LoopPolicyTab';
import { CategoryPolicyTab } from './CategoryPolicyTab';
import { GradeTablePolicyTab } from './GradeTablePolicyTab';
import { CalendarTab, WebhooksTab } from './OtherPolicyTabs';
import './policy.css';

const TABS = ['tiers', 'thresholds', 'categories', 'grades', 'calendar', 'webhooks'] as const;
type Tab = (typeof TABS)[number];

export default function PolicyPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'tiers';
  return (
    <div data-testid="policy-page">
      <div className="xh-page-head">
        <Typography.Title level={1}>{t('policy.title')}</Typography.Title>
      </div>
      <Card>
        <Typography.Paragraph type="secondary">{t('policy.intro')}</Typography.Paragraph>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'tiers', label: t('policy.tab.tiers'), children: <LoopPolicyTab part="tiers" /> },
            {
              key: 'thresholds',
              label: t('policy.tab.thresholds'),
              children: <LoopPolicyTab part="thresholds" />,
            },
            { key: 'categories', label: t('policy.tab.categories'), children: <CategoryPolicyTab /> },
            { key: 'grades', label: t('policy.tab.grades'), children: <GradeTablePolicyTab /> },
            { key: 'calendar', label: t('policy.tab.calendar'), children: <CalendarTab /> },
            { key: 'webhooks', label: t('policy.tab.webhooks'), children: <WebhooksTab /> },
          ]}
        />
      </Card>
    </div>
  );
}
