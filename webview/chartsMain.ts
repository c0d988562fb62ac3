// The pages with charts (their own bundle, dist/charts.js, so that the viewers load no charting
// library unless they draw a chart: then they load it on demand and use window.mrnetCharts).
import { ChartsApi } from './charts/chartsApi';
import { linePlot } from './charts/linePlot';
import { startOverview } from './overview/overviewView';
import { startReport } from './report/reportView';

const app = document.getElementById('app')!;
const view = document.body.dataset.view;
if (view === 'overview') startOverview(app);
else if (view === 'report') startReport(app);
else (window as unknown as { mrnetCharts: ChartsApi }).mrnetCharts = { linePlot };
