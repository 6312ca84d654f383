// The one place that touches ECharts: tree-shaken core plus only the charts and components we draw.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { CSSProperties } from 'react';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/** The click payload ECharts passes for a data item. */
export interface ChartClick {
  componentType: string;
  seriesType?: string;
  dataIndex: number;
  name: string;
  value: unknown;
}

export type ChartOption = Record<string, unknown>;

interface ChartProps {
  option: ChartOption;
  height?: number;
  /** Text for screen readers: the chart canvas itself says nothing. */
  ariaLabel: string;
  onItemClick?: (event: ChartClick) => void;
  style?: CSSProperties;
  testId?: string;
}

const CHART_COLORS = ['#c62f2f', '#e8903a', '#3b7dd8', '#4aa564', '#8a63d2', '#d8b13b', '#5ab1c0', '#999999'];

export default function Chart({ option, height = 300, ariaLabel, onItemClick, style, testId }: ChartProps) {
  return (
    <div role="img" aria-label={ariaLabel} data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ color: CHART_COLORS, ...option }}
        notMerge
        style={{ height, width: '100%', ...style }}
        onEvents={onItemClick ? { click: (e: ChartClick) => onItemClick(e) } : undefined}
      />
    </div>
  );
}
