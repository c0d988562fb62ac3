import * as vscode from 'vscode';

/** The debug types of the Python debugger (debugpy; `python` is its older name, still used by notebook debugging). */
export const PYTHON_DEBUG_TYPES: readonly string[] = ['debugpy', 'python'];

/** A frame of a paused Python program, and how a viewer's title names it: `train.py:42`. */
export interface PausedFrame {
  session: vscode.DebugSession;
  threadId: number;
  frameId: number;
  label: string;
}

interface StackTraceResponse {
  stackFrames: { id: number; line: number; source?: { name?: string; path?: string } }[];
}

/**
 * The frame the user selected in the Call Stack view (VS Code selects the top frame at each
 * stop) if it is one of a Python session's; else the top frame of a thread of the session given.
 */
export async function selectedFrame(session?: vscode.DebugSession): Promise<PausedFrame | undefined> {
  const item = vscode.debug.activeStackItem;
  if (item instanceof vscode.DebugStackFrame && (!session || item.session.id === session.id))
    return describeFrame(item.session, item.threadId, item.frameId);
  const target = session ?? vscode.debug.activeDebugSession;
  if (!target || !PYTHON_DEBUG_TYPES.includes(target.type)) return undefined;
  const threadId = item instanceof vscode.DebugThread && item.session.id === target.id ? item.threadId : undefined;
  const threads = (await target.customRequest('threads')) as { threads: { id: number }[] };
  for (const id of threadId === undefined ? threads.threads.map((t) => t.id) : [threadId]) {
    const frame = await describeFrame(target, id).catch(() => undefined);
    if (frame) return frame;
  }
  return undefined;
}

/** A frame (the thread's top frame when `frameId` is not given) with its file name and line. */
async function describeFrame(
  session: vscode.DebugSession,
  threadId: number,
  frameId?: number,
): Promise<PausedFrame | undefined> {
  const trace = (await session.customRequest('stackTrace', {
    threadId,
    startFrame: 0,
    levels: frameId === undefined ? 1 : 200,
  })) as StackTraceResponse;
  const frame = frameId === undefined ? trace.stackFrames[0] : trace.stackFrames.find((f) => f.id === frameId);
  if (!frame) return undefined;
  const file = frame.source?.name ?? frame.source?.path?.split(/[\\/]/).pop() ?? 'frame';
  return { session, threadId, frameId: frame.id, label: `${file}:${frame.line}` };
}

/**
 * Evaluates a Python expression in a paused frame and answers the value's repr as the debugger
 * shows it: in the "clipboard" context, which debugpy never shortens.
 */
export async function evaluateIn(frame: PausedFrame, expression: string): Promise<string> {
  const response = (await frame.session.customRequest('evaluate', {
    expression,
    frameId: frame.frameId,
    context: 'clipboard',
  })) as { result: string };
  return response.result;
}
