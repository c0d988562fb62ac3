/** What a chart (the report's, the overview's) can be saved as. */
export const CHART_FORMATS = ['png', 'svg'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];
