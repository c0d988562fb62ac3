import { embeddedArray } from '../../src/shared/notebook/embeddedOutput';
import { ArrayContent } from '../../src/shared/protocol';

/** How a front end decodes an output's embedded array (`.npy` bytes, compressed, in base64). */
export type DecodeArray = (fileName: string, npy: string) => Promise<ArrayContent>;

/** What the page asks of the decode worker: one embedded array. */
export interface DecodeRequest {
  id: number;
  fileName: string;
  npy: string;
}

/** The worker's answer: the array as the viewers take a file read whole, or why it cannot be read. */
export interface DecodeReply {
  id: number;
  content: ArrayContent;
}

/**
 * Embedded arrays decoded (base64, inflated, their headers checked) in a worker started from
 * `script` (decodeWorker.ts, carried as text) when first asked: inflating an MRNet case takes
 * about 50 ms, and on the page's own thread it held back the output's frame, which starts on
 * that thread meanwhile. Where no worker can run (a page whose policy forbids one), each array
 * is decoded on the page's thread.
 */
export function workerDecoder(script: string): DecodeArray {
  let decode: DecodeArray | undefined;
  const onThisThread = () => (decode = embeddedArray);
  return (fileName, npy) => (decode ??= startWorker(script, onThisThread) ?? embeddedArray)(fileName, npy);
}

function startWorker(script: string, failed: () => void): DecodeArray | undefined {
  let worker: Worker;
  try {
    worker = new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' })));
  } catch {
    return undefined;
  }
  const waiting = new Map<number, { request: DecodeRequest; answer: (content: ArrayContent) => void }>();
  let next = 0;
  worker.onmessage = ({ data: { id, content } }: MessageEvent<DecodeReply>) => {
    waiting.get(id)?.answer(content);
    waiting.delete(id);
  };
  // A worker that cannot run (its script refused): what it was asked, and all after, decoded here.
  worker.onerror = () => {
    failed();
    worker.terminate();
    for (const { request, answer } of waiting.values()) void embeddedArray(request.fileName, request.npy).then(answer);
    waiting.clear();
  };
  return (fileName, npy) =>
    new Promise((answer) => {
      const request = { id: next++, fileName, npy };
      waiting.set(request.id, { request, answer });
      worker.postMessage(request);
    });
}
