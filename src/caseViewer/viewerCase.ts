import * as vscode from 'vscode';
import { CaseInfo } from '../shared/protocol';
import { CaseRef } from '../dataset/datasetRegistry';

/** A case as the viewer shows it: from a dataset, a folder of plane files, or a debugged program. */
export interface ViewerCase {
  info: CaseInfo;
  /** Each plane's file; `error` says why a plane has none. */
  planes: {
    plane: string;
    uri?: vscode.Uri;
    error?: string;
    overlays?: { name: string; uri: vscode.Uri; member?: string }[];
  }[];
  /** Set for dataset cases: what next/previous and the picker work from. */
  ref?: CaseRef;
  /** Set for the cases of a dict in a debugged program: what next/previous and the picker work from. */
  collection?: CaseCollection;
  /** The panel's title, if not "Case {id}". */
  title?: string;
}

/** Cases that are not a dataset's: a dict of cases in a debugged program, by its keys. */
export interface CaseCollection {
  /** The ids the picker offers, in order. */
  ids: readonly string[];
  /** The case of an id, read now. */
  read(id: string): Promise<ViewerCase>;
}
