// The heat map of seats with no ready successor: one tile per org below the focus (towns under the
// city, villages under a town), the red the share of seats at risk with no one ready now.
import { Tooltip, Typography } from 'antd';
import type { HeatCell } from '@xinhuo/shared';
import { useT } from '../../i18n/use-t';

const shade = (c: HeatCell) => {
  if (c.seats === 0) return '#f5f5f5';
  const share = c.atRiskNoReady / c.seats;
  if (share === 0) return c.noReadySuccessor === 0 ? '#d9f7be' : '#fffbe6';
  // From light to deep red with the share of at-risk seats nobody is ready for.
  const alpha = 0.25 + 0.75 * share;
  return `rgba(198, 47, 47, ${alpha.toFixed(2)})`;
};

export function HeatMap({ cells, onOpen }: { cells: HeatCell[]; onOpen: (c: HeatCell) => void }) {
  const t = useT();
  return (
    <div className="xh-su-heat" data-testid="succession-heat">
      {cells.map((c) => (
        <Tooltip key={c.orgId} title={t('succession.heat.drill')}>
          <button
            type="button"
            className="xh-su-heat-cell"
            style={{
              background: shade(c),
              color: c.atRiskNoReady / Math.max(1, c.seats) > 0.5 ? '#fff' : undefined,
            }}
            onClick={() => onOpen(c)}
            data-testid={`heat-${c.orgId}`}
          >
            <span className="xh-su-heat-name">{c.name}</span>
            <span>
              {t('succession.heat.cell', { noReady: c.noReadySuccessor, seats: c.seats, atRisk: c.atRisk })}
            </span>
            {c.atRiskNoReady > 0 && (
              <Typography.Text strong style={{ color: 'inherit' }}>
                {t('succession.heat.red', { n: c.atRiskNoReady })}
              </Typography.Text>
            )}
          </button>
        </Tooltip>
      ))}
    </div>
  );
}
