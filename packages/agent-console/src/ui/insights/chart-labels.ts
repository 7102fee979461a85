/**
 * Room for the labels of a horizontal bar chart, in SVG units of a 12 px font: wide enough for
 * the longest label (translations run long: "Le patient a demandé une personne"), at most
 * `maxWidth`; a label still too long is cut with an ellipsis (the full text stays in the row's
 * `<title>` and in the chart's text alternative).
 */
const CHAR_WIDTH = 7;
const GAP = 12;

export interface FittedLabels {
  width: number;
  labels: string[];
}

export function fitBarLabels(
  labels: readonly string[],
  { minWidth = 120, maxWidth = 300 } = {},
): FittedLabels {
  const longest = Math.max(0, ...labels.map((label) => [...label].length));
  const width = Math.min(maxWidth, Math.max(minWidth, Math.ceil(longest * CHAR_WIDTH) + GAP));
  const fits = Math.floor((width - GAP) / CHAR_WIDTH);
  return {
    width,
    labels: labels.map((label) => {
      const chars = [...label];
      return chars.length > fits ? `${chars.slice(0, fits - 1).join('')}…` : label;
    }),
  };
}
