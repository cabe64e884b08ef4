import { ROW_LABEL_WIDTH, type SeatRow } from './seat-layout';
import type { Viewport } from './viewport';

/**
 * Row names on both sides of the rows in view. When the window is panned into the middle of
 * wide rows they stay at its edges, over a light backdrop, so the buyer still knows the row.
 * They let clicks through to the seats beneath.
 */
export function RowLabels(props: { rows: SeatRow[]; view: Viewport; layoutWidth: number }) {
  const { view, layoutWidth } = props;
  const half = ROW_LABEL_WIDTH / 2;
  const left = Math.max(half, view.x + half);
  const right = Math.min(layoutWidth - half, view.x + view.width - half);
  const backdrop = (x: number) => (
    <rect class="label-backdrop" x={x} y={view.y} width={ROW_LABEL_WIDTH} height={view.height} />
  );
  return (
    <g class="row-labels">
      {view.x > 0 && backdrop(view.x)}
      {view.x + view.width < layoutWidth && backdrop(view.x + view.width - ROW_LABEL_WIDTH)}
      {props.rows
        .filter((r) => r.y >= view.y && r.y <= view.y + view.height)
        .map((row) => (
          <g key={row.y} class="row-label">
            <text x={left} y={row.y + 4}>
              {row.label}
            </text>
            <text x={right} y={row.y + 4}>
              {row.label}
            </text>
          </g>
        ))}
    </g>
  );
}
