// The worker that decodes a notebook output's embedded arrays (arrayDecoder.ts), off the thread
// that starts the outputs' frames. It holds no state: each request is answered on its own.
import { embeddedArray } from '../../src/shared/notebook/embeddedOutput';
import type { DecodeReply, DecodeRequest } from './arrayDecoder';

const scope = self as unknown as {
  onmessage: (event: MessageEvent<DecodeRequest>) => void;
  postMessage(message: DecodeReply, transfer: ArrayBuffer[]): void;
};

scope.onmessage = ({ data: { id, fileName, npy } }) => {
  void embeddedArray(fileName, npy).then((content) =>
    scope.postMessage({ id, content }, content.kind === 'whole' ? [content.data] : []),
  );
};
