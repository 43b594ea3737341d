// A small area chart without axes: the shape of one metric over the last minutes (PatternFly's
// sparkline pattern, victory based).
import { ChartArea, ChartGroup, ChartVoronoiContainer } from '@patternfly/react-charts/victory';
import type { Point } from '../../vm/metrics.ts';

export function Sparkline({ id, title, points, format }: { id: string; title: string; points: Point[]; format: (y: number) => string }) {
  return (
    <div id={id} className="vireo-sparkline" style={{ height: 48, width: '100%' }}>
      <ChartGroup
        ariaTitle={title}
        height={48}
        width={400}
        padding={0}
        containerComponent={<ChartVoronoiContainer labels={({ datum }: { datum: Point }) => format(datum.y)} constrainToVisibleArea />}
      >
        <ChartArea data={points} minDomain={{ y: 0 }} />
      </ChartGroup>
    </div>
  );
}
