import { startReport } from './reportView';

startReport(document.getElementById('app')!);
