import * as vscode from 'vscode';
import { ArraySource, readRegion, readSlice, sampleStatistics } from '../core/arraySource';
import { Region, regionProblem } from '../shared/npy/overview';
import { NpyHeader } from '../shared/npy/header';
import { middleOutwards, sliceCount } from '../shared/npy/streaming';
import { ArrayContent, HostMessage } from '../shared/protocol';
import { errorMessage } from '../shared/errorMessage';

type Post = (message: HostMessage) => Thenable<boolean>;

interface SlicedFile {
  source: ArraySource;
  header: NpyHeader;
  /** Every slice is sent unasked (the webview then holds the array whole). */
  whole: boolean;
  /** One image shown from its overview: regions of it are read, not slices. */
  image?: boolean;
}

/**
 * The arrays a webview shows slice by slice, by the pane they are in ('' for the .npy
 * editor's one array), and the slices it asks of them: the only reads a webview can cause,
 * each checked against a pane the host itself filled and the slice count of its array.
 */
export class SliceFirstFiles {
  private readonly files = new Map<string, SlicedFile>();

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Records what a pane now shows: an array read slice by slice, or anything else. */
  shown(pane: string, source: ArraySource | undefined, content: ArrayContent): void {
    if (source && content.kind === 'sliceFirst')
      this.files.set(pane, { source, header: content.header, whole: content.sliceFirst.whole });
    else if (source && content.kind === 'overview')
      this.files.set(pane, { source, header: content.header, whole: false, image: true });
    else this.files.delete(pane);
  }

  /** The panel closed or moved on: nothing more is read or sent. */
  clear(): void {
    this.files.clear();
  }

  /**
   * What follows the first slice of an array shown slice first, once that is posted: the
   * statistics of a sample of slices, then, for an array held whole, every other slice from the
   * middle outwards, one read and posted at a time; it stops as soon as the pane moves on.
   */
  async follow(pane: string, post: Post): Promise<void> {
    const file = this.files.get(pane);
    if (!file || file.image) return;
    const plane = pane || undefined;
    const current = () => this.files.get(pane) === file;
    try {
      const { stats, slices } = await sampleStatistics(file.source, file.header);
      if (current()) await post({ type: 'sampledStats', plane, stats, slices });
    } catch (e) {
      // The webview keeps the first slice's figures; a slice that cannot be read says so when shown.
      this.log.error(`${file.source.name}: no sampled statistics: ${errorMessage(e)}`);
    }
    if (!file.whole) return;
    try {
      for (const index of middleOutwards(sliceCount(file.header)).slice(1)) {
        if (!current() || !(await this.send(pane, file, index, post))) return;
      }
    } catch (e) {
      // The panel closed while a slice was on its way.
      this.log.info(`${file.source.name}: stopped sending slices: ${errorMessage(e)}`);
    }
  }

  /** Reads a slice a webview asked for (in request `request`, which the reply names) and posts it, or posts why it cannot be read. */
  async serve(pane: string, index: number, post: Post, request?: number): Promise<void> {
    const file = this.files.get(pane);
    if (!file || file.image || index >= sliceCount(file.header)) {
      this.log.warn(
        `Refused to read slice ${index}${pane ? ` of the ${pane} pane` : ''}: out of range or not read slice by slice`,
      );
      return;
    }
    await this.send(pane, file, index, post, request);
  }

  /** Reads a region at full resolution of an image shown from its overview, if it lies inside the image and within the size allowed. */
  async serveRegion(pane: string, region: Region, post: Post, request?: number): Promise<void> {
    const file = this.files.get(pane);
    const problem = file?.image ? regionProblem(file.header, region) : 'the array is not shown from an overview';
    if (!file || problem) {
      this.log.warn(`Refused to read a region${pane ? ` of the ${pane} pane` : ''}: ${problem}`);
      return;
    }
    try {
      const data = await readRegion(file.source, file.header, region);
      if (this.files.get(pane) === file) await post({ type: 'region', region, data, ...answerOf(request) });
    } catch (e) {
      const message = errorMessage(e);
      this.log.error(`${file.source.name}: region ${JSON.stringify(region)}: ${message}`);
      await post({
        type: 'regionError',
        region,
        message: `Cannot show full resolution of ${file.source.name}: ${message}`,
        ...answerOf(request),
      });
    }
  }

  /** Reads slice `index` and posts it while its pane still shows the file, or posts why it cannot be read; false then. */
  private async send(pane: string, file: SlicedFile, index: number, post: Post, request?: number): Promise<boolean> {
    const plane = pane || undefined;
    const answer = answerOf(request);
    try {
      const data = await readSlice(file.source, file.header, index);
      // The pane may have moved on to another array while this one was read.
      if (this.files.get(pane) === file) await post({ type: 'slice', plane, index, data, ...answer });
      return true;
    } catch (e) {
      const message = errorMessage(e);
      this.log.error(`${file.source.name}: slice ${index}: ${message}`);
      await post({
        type: 'sliceError',
        plane,
        index,
        message: `Cannot show slice ${index} of ${file.source.name}: ${message}`,
        ...answer,
      });
      return false;
    }
  }
}

/** What a reply carries of the request it answers: its id, when it had one. */
function answerOf(request: number | undefined): { request?: number } {
  return request === undefined ? {} : { request };
}
