'use client';

/**
 * The chart drawings, loaded when a chart is first shown rather than with the page: recharts
 * would otherwise be about half of the team page's first-load JavaScript. Each drawing shows a
 * placeholder of the chart's own size until its module arrives (and on the server, which does
 * not draw charts), so nothing moves when it does. The five share one module, so one request.
 */
import dynamic from 'next/dynamic';
import { ChartLoading } from './chart-figure';

const loading = () => <ChartLoading />;

export const ComplianceBars = dynamic(
  () => import('./chart-drawings').then((m) => m.ComplianceBars),
  { ssr: false, loading },
);
export const CycleBars = dynamic(() => import('./chart-drawings').then((m) => m.CycleBars), {
  ssr: false,
  loading,
});
export const CaseTimeBars = dynamic(() => import('./chart-drawings').then((m) => m.CaseTimeBars), {
  ssr: false,
  loading,
});
export const OpenedCompletedLines = dynamic(
  () => import('./chart-drawings').then((m) => m.OpenedCompletedLines),
  { ssr: false, loading },
);
export const EscalationBars = dynamic(
  () => import('./chart-drawings').then((m) => m.EscalationBars),
  { ssr: false, loading },
);
