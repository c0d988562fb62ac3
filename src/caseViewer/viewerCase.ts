import * as vscode from 'vscode';
import { CaseInfo } from '../shared/protocol';
import { CaseRef } from '../dataset/datasetRegistry';

/** A case as the viewer shows it: from a dataset, or a folder of plane files. */
export interface ViewerCase {
  info: CaseInfo;
  planes: { plane: string; uri?: vscode.Uri; overlays?: { name: string; uri: vscode.Uri; member?: string }[] }[];
  /** Set for dataset cases: what next/previous and the picker work from. */
  ref?: CaseRef;
}
