// The pages with charts (their own bundle, dist/charts.js, so that the viewers load no charting library).
import { startOverview } from './overview/overviewView';
import { startReport } from './report/reportView';

const app = document.getElementById('app')!;
if (document.body.dataset.view === 'overview') startOverview(app);
else startReport(app);
