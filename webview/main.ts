import { startCaseViewer } from './caseView';
import { startNpyEditor } from './npyEditorView';
import { startNpzEditor } from './npzEditorView';

const root = document.getElementById('app')!;
switch (document.body.dataset.view) {
  case 'npy':
    startNpyEditor(root);
    break;
  case 'npz':
    startNpzEditor(root);
    break;
  case 'case':
    startCaseViewer(root);
    break;
}
