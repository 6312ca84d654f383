// ECharts' tooltip (with the axis pointer it draws for axis tooltips), fetched by Chart when the pointer or
// the keyboard first reaches a chart: a chart is drawn without it, and the first screen does not carry it.
export { TooltipComponent } from 'echarts/components';
