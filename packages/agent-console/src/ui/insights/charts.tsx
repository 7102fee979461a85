/**
 * Small hand-written SVG charts. Each is an `img` with a text alternative (its title and a
 * summary); the numbers are also in the tables beside it, so nothing is chart-only.
 */

import { fitBarLabels } from './chart-labels';

export interface BarDatum {
  label: string;
  value: number;
  /** A second series drawn inside the bar (e.g. handled of all conversations). */
  part?: number;
}

const WIDTH = 560;
const HEIGHT = 180;
const PAD = { top: 12, right: 8, bottom: 28, left: 32 };

/** Vertical bars, one per datum (days). */
export function ColumnChart({
  title,
  data,
  summary,
  tick = (label) => label.slice(5),
}: {
  title: string;
  data: readonly BarDatum[];
  summary: string;
  /** The axis text under a bar (default: a day's `MM-DD`). */
  tick?: (label: string) => string;
}) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const step = data.length === 0 ? innerW : innerW / data.length;
  const barW = Math.max(2, step * 0.7);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const labelEvery = Math.max(1, Math.ceil(data.length / 10));
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={`${title}. ${summary}`}
      preserveAspectRatio="xMidYMid meet"
    >
      <title>{title}</title>
      <line class="axis" x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} />
      <text class="tick" x={PAD.left - 4} y={y(max) + 4} text-anchor="end">
        {max}
      </text>
      <text class="tick" x={PAD.left - 4} y={y(0)} text-anchor="end">
        0
      </text>
      {data.map((d, i) => {
        const x = PAD.left + i * step + (step - barW) / 2;
        return (
          <g key={d.label}>
            <rect class="bar" x={x} y={y(d.value)} width={barW} height={y(0) - y(d.value)} />
            {d.part !== undefined && d.part > 0 ? (
              <rect class="bar part" x={x} y={y(d.part)} width={barW} height={y(0) - y(d.part)} />
            ) : null}
            {i % labelEvery === 0 ? (
              <text class="tick" x={x + barW / 2} y={HEIGHT - 10} text-anchor="middle">
                {tick(d.label)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal bars with their labels and values (reasons, answers). */
export function BarList({ title, data }: { title: string; data: readonly BarDatum[] }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const rowH = 26;
  const { width: labelW, labels } = fitBarLabels(data.map((d) => d.label));
  const height = Math.max(rowH, data.length * rowH);
  const summary = data.map((d) => `${d.label}: ${d.value}`).join(', ');
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label={`${title}. ${summary}`}
    >
      <title>{title}</title>
      {data.map((d, i) => {
        const w = ((WIDTH - labelW - 48) * d.value) / max;
        const y = i * rowH;
        return (
          <g key={d.label}>
            {labels[i] === d.label ? null : <title>{d.label}</title>}
            <text class="label" x={labelW - 6} y={y + 17} text-anchor="end">
              {labels[i]}
            </text>
            <rect class="bar" x={labelW} y={y + 4} width={Math.max(w, 1)} height={rowH - 8} />
            <text class="value" x={labelW + Math.max(w, 1) + 6} y={y + 17}>
              {d.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
