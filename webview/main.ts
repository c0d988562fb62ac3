// The toolkit elements the viewers use (vscode-button, vscode-single-select): registered here,
// in the viewers' bundle, so that the model report (native controls) loads none of them.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import { startCaseViewer } from './caseView';
import { startNpyEditor } from './npyEditorView';
import { startNpzEditor } from './npzEditorView';
import { followNotebookTheme } from './notebook/followNotebookTheme';
import { onHostMessages } from './vscodeApi';

const root = document.getElementById('app')!;
if (document.body.dataset.host === 'notebook') followNotebookTheme();
switch (document.body.dataset.view) {
  case 'npy':
    onHostMessages(startNpyEditor(root));
    break;
  case 'npz':
    startNpzEditor(root);
    break;
  case 'case':
    onHostMessages(startCaseViewer(root));
    break;
}
