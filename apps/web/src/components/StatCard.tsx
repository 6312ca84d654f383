import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import './stat-card.css';

interface StatCardProps {
  title: string;
  /** The displayed value; the element with `testId` holds exactly this text. */
  value: string;
  unit?: string;
  footnote?: ReactNode;
  testId: string;
  accent?: boolean;
}

export function StatCard({ title, value, unit, footnote, testId, accent }: StatCardProps) {
  return (
    <Card size="small" className={accent ? 'xh-stat xh-stat-accent' : 'xh-stat'}>
      <Typography.Text type="secondary" className="xh-stat-title">
        {title}
      </Typography.Text>
      <div className="xh-stat-value-row">
        <span className="xh-stat-value" data-testid={testId}>
          {value}
        </span>
        {unit && <span className="xh-stat-unit">{unit}</span>}
      </div>
      <div className="xh-stat-footnote">{footnote ?? '\u00a0'}</div>
    </Card>
  );
}
