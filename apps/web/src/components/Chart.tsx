// The one place that touches ECharts: tree-shaken core plus only the charts and components we draw.
// The tooltip is added when a chart is first pointed at or focused (see chart/chart-tooltip.ts).
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useLayoutEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { fitAxes, withFittedLabels, type LabelFit } from './chart/fit-labels';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, CanvasRenderer]);

let tooltipRegistered: Promise<void> | undefined;

/** Registers the tooltip once (fetching its code the first time). */
function registerTooltip(): Promise<void> {
  tooltipRegistered ??= import('./chart/chart-tooltip').then(({ TooltipComponent }) => {
    echarts.use([TooltipComponent]);
  });
  return tooltipRegistered;
}

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
  const chart = useRef<ReactEChartsCore>(null);
  const box = useRef<HTMLDivElement>(null);
  // The width the chart is drawn at decides whether its category labels lie level or turn (fit-labels.ts);
  // the option is redrawn only when that decision changes, not on every resize.
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const fits = fitAxes(option, width).join();
  const fitted = useMemo(
    () =>
      withFittedLabels(
        option,
        fits.split(',').map((f): LabelFit => (f === 'level' || f === 'turn' ? f : Number(f))),
      ),
    [option, fits],
  );
  // The chart was drawn before the tooltip was registered (its tooltip option was left out then): once
  // registered, the tooltip option is merged into the drawn chart. Later options carry it as they are.
  const addTooltip = () => {
    const { tooltip } = option;
    if (!tooltip) return;
    void registerTooltip().then(() => chart.current?.getEchartsInstance().setOption({ tooltip }));
  };
  return (
    <div
      ref={box}
      // A canvas still at its old size while the chart catches up with a narrower window never widens the page.
      style={{ overflow: 'hidden' }}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      onPointerEnter={addTooltip}
      onTouchStart={addTooltip}
      onFocus={addTooltip}
    >
      <ReactEChartsCore
        ref={chart}
        echarts={echarts}
        option={{ color: CHART_COLORS, ...fitted }}
        notMerge
        style={{ height, width: '100%', ...style }}
        onEvents={onItemClick ? { click: (e: ChartClick) => onItemClick(e) } : undefined}
      />
    </div>
  );
}
