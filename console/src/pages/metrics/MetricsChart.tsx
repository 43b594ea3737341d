// One time-series chart of the Metrics tab: one or two areas (e.g. read and write) over the chosen
// range, a time axis and a value axis with the metric's unit, values on hover.
import { Chart, ChartArea, ChartAxis, ChartGroup, ChartLegend, ChartVoronoiContainer } from '@patternfly/react-charts/victory';
import { Card, CardBody, CardTitle } from '@patternfly/react-core';
import type { Point } from '../../vm/metrics.ts';

export interface ChartSeries {
  name: string;
  points: Point[];
}

const time = (d: Date | number) => new Date(d).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

export function MetricsChart({ id, title, series, format, rangeSeconds }: { id: string; title: string; series: ChartSeries[]; format: (y: number) => string; rangeSeconds: number }) {
  const now = Date.now();
  const max = Math.max(0, ...series.flatMap((s) => s.points.map((p) => p.y)));
  return (
    <Card id={id}>
      <CardTitle>{title}</CardTitle>
      <CardBody>
        <Chart
          ariaTitle={title}
          height={220}
          width={560}
          padding={{ top: 16, bottom: series.length > 1 ? 64 : 40, left: 80, right: 24 }}
          domain={{ x: [new Date(now - rangeSeconds * 1000), new Date(now)], y: [0, max > 0 ? max * 1.1 : 1] }}
          scale={{ x: 'time', y: 'linear' }}
          containerComponent={<ChartVoronoiContainer labels={({ datum }: { datum: Point & { childName?: string } }) => `${datum.childName ?? ''}: ${format(datum.y)}`} constrainToVisibleArea />}
          legendData={series.length > 1 ? series.map((s) => ({ name: s.name })) : undefined}
          legendPosition="bottom"
          legendComponent={<ChartLegend />}
        >
          <ChartAxis tickFormat={time} tickCount={5} />
          <ChartAxis dependentAxis showGrid tickFormat={(y: number) => format(y)} tickCount={4} />
          <ChartGroup>
            {series.map((s) => (
              <ChartArea key={s.name} name={s.name} data={s.points} interpolation="monotoneX" />
            ))}
          </ChartGroup>
        </Chart>
      </CardBody>
    </Card>
  );
}
