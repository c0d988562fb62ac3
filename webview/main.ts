import { startCaseViewer } from './caseView';
import { startNpyEditor } from './npyEditorView';

const root = document.getElementById('app')!;
switch (document.body.dataset.view) {
  case 'npy':
    startNpyEditor(root);
    break;
  case 'case':
    startCaseViewer(root);
    break;
}
