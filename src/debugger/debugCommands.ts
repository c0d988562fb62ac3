import * as vscode from 'vscode';
import { DebugViews } from './debugViews';
import { PYTHON_DEBUG_TYPES, selectedFrame } from './pausedFrame';

/** What the Variables view passes to a command of its context menu. */
interface VariablesContext {
  sessionId?: string;
  variable?: { name?: unknown; evaluateName?: unknown; type?: unknown };
}

/** The Variables view's types (debugpy's names) of the values that open in the `.npy` viewer. */
const ARRAY_TYPES = new Set(['ndarray', 'Tensor', 'Parameter', 'list', 'tuple', 'memmap']);

/** "View in MRNet Viewer" (Variables view), "View Python Expression…", and the debug viewers' Refresh and toggle. */
export function registerDebugCommands(views: DebugViews): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('mrnet.viewVariable', async (context?: VariablesContext) => {
      const { evaluateName, name, type } = context?.variable ?? {};
      // The name the debugger evaluates it by (`cases['0000']['axial']`), else its own name.
      const expression = typeof evaluateName === 'string' ? evaluateName : typeof name === 'string' ? name : undefined;
      if (!expression) {
        void vscode.window.showInformationMessage(
          'Right-click a variable in the Variables view of a paused Python program.',
        );
        return;
      }
      const session = vscode.debug.activeDebugSession;
      await views.open(
        expression,
        session && (!context?.sessionId || session.id === context.sessionId) ? session : undefined,
        typeof type === 'string' && ARRAY_TYPES.has(type),
      );
    }),
    vscode.commands.registerCommand('mrnet.viewExpression', async (given?: unknown) => {
      const session = vscode.debug.activeDebugSession;
      const frame = session && PYTHON_DEBUG_TYPES.includes(session.type) ? await selectedFrame(session) : undefined;
      const expression =
        typeof given === 'string'
          ? given
          : await vscode.window.showInputBox({
              title: 'MRNet: View Python Expression',
              prompt: frame ? `A Python expression in ${frame.label}` : 'A Python expression in the paused frame',
              placeHolder: "batch[0].cpu(), cam[..., 1], cases['0000']",
              validateInput: (text) => (text.trim() ? undefined : 'Type an expression'),
            });
      if (expression?.trim()) await views.open(expression.trim(), session);
    }),
    vscode.commands.registerCommand('mrnet.refreshDebugView', () => views.refreshActive()),
    vscode.commands.registerCommand('mrnet.followDebugStops', () => views.followActive(true)),
    vscode.commands.registerCommand('mrnet.unfollowDebugStops', () => views.followActive(false)),
  ];
}
