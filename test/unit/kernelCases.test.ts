import * as assert from 'node:assert/strict';
import { EmbeddedOutput, embeddedArray, readEmbeddedOutput } from '../../src/shared/notebook/embeddedOutput';
import { CasePlane } from '../../src/shared/protocol';
import { KernelCases } from '../../webview/jupyterlab/kernelCases';
import type { Comm, CommMessage } from '../../webview/jupyterlab/labTypes';
import { makeNpy } from './fixtures';

/** A kernel's comm as JupyterLab's services give it, answered here as python/mrnet_viewer/_live.py answers. */
class StandInComm implements Comm {
  onMsg: (message: CommMessage) => void = () => undefined;
  onClose: (message: CommMessage) => void = () => undefined;
  isDisposed = false;
  readonly sent: unknown[] = [];
  opened: unknown;
  constructor(private readonly answer: (request: { index: number; request: number }, comm: StandInComm) => void) {}
  open(data: unknown) {
    this.opened = data;
  }
  send(data: unknown) {
    this.sent.push(data);
    this.answer(data as { index: number; request: number }, this);
  }
  close() {
    this.isDisposed = true;
  }
}

const EMBEDDED_0000 =
  'eAGb7BfqGxDJyFDGUK2eklqcXKRupaBeU2qorqOgnpZfVFKUmBefX5SSChJ3S8wpTgWKF2ckFqQC+RqGOgpAZKSpo1CrQB7gYucAALMNG+I=';

const output = readEmbeddedOutput({
  version: 1,
  title: 'cases',
  notes: [],
  // The first case, embedded: 1 × 1 × 2 uint8 [[[7, 8]]], zlib-compressed .npy in base64 (as mrnet_viewer writes it).
  cases: [{ id: '0000', labels: {}, predictions: {}, planes: [{ plane: 'axial', npy: EMBEDDED_0000, overlays: [] }] }],
  live: { output: 'abc', cases: ['0000', '0001', '0002'].map((id) => ({ id, labels: {}, predictions: {} })) },
}) as EmbeddedOutput & { live: NonNullable<EmbeddedOutput['live']> };

const values = (plane: CasePlane) =>
  plane.array.kind === 'whole' ? Array.from(new Uint8Array(plane.array.data)) : plane.array.kind;

describe('A live output in JupyterLab: its cases asked of the kernel (webview/jupyterlab/kernelCases.ts)', () => {
  it('asks for the case shown, over one comm opened with the output id, and decodes its .npy buffers in order', async () => {
    const comm = new StandInComm(({ index, request }, c) => {
      const npy = (v: number) => makeNpy('|u1', [1, 1, 2], Uint8Array.of(v, v + 1));
      const buffers = [npy(index * 10), new DataView(npy(index * 10 + 5).buffer), npy(index * 10 + 2)];
      c.onMsg({
        content: {
          data: {
            type: 'case',
            request,
            index,
            id: `000${index}`,
            planes: [
              { plane: 'sagittal', overlays: ['CAM'] },
              { plane: 'axial', overlays: [] },
            ],
          },
        },
        buffers,
      });
    });
    let opened = 0;
    const cases = new KernelCases(output, () => (opened++, { createComm: () => comm }), embeddedArray);
    const planes = await cases.planes(2);
    assert.deepEqual(comm.opened, { output: 'abc' });
    assert.deepEqual(comm.sent, [{ type: 'case', index: 2, request: 1 }]);
    assert.deepEqual(
      planes.map((p) => [p.plane, values(p), p.overlays?.map((o) => [o.name, values({ plane: '', array: o.array })])]),
      [
        ['sagittal', [20, 21], [['CAM', [25, 26]]]],
        ['axial', [22, 23], []],
      ],
    );
    await cases.planes(1);
    assert.equal(opened, 1, 'one comm for every case');
    cases.dispose();
    assert.ok(comm.isDisposed);
  });

  it('with no kernel running, shows the case the output embeds and says why the others cannot be had', async () => {
    const cases = new KernelCases(output, () => undefined, embeddedArray);
    assert.deepEqual(values((await cases.planes(0))[0]), [7, 8]);
    const [first] = await cases.planes(1);
    assert.equal(first.array.kind, 'error');
    assert.match(
      first.array.kind === 'error' ? first.array.error : '',
      /^case 0001 cannot be had from the kernel: this notebook has no kernel running/,
    );
  });

  it('a kernel that says the output is gone (restarted since), or closes the comm, fails what was asked, and says so', async () => {
    const gone = new KernelCases(
      output,
      () => ({
        createComm: () => new StandInComm((_, c) => c.onMsg({ content: { data: { type: 'gone' } } })),
      }),
      embeddedArray,
    );
    const [plane] = await gone.planes(2);
    assert.match(plane.array.kind === 'error' ? plane.array.error : '', /the kernel that held them has gone/);
    let comm: StandInComm | undefined;
    const closed = new KernelCases(
      output,
      () => ({ createComm: () => (comm = new StandInComm(() => undefined)) }),
      embeddedArray,
    );
    const asked = closed.planes(1);
    comm!.onClose({ content: {} });
    const [closedPlane] = await asked;
    assert.match(
      closedPlane.array.kind === 'error' ? closedPlane.array.error : '',
      /has gone \(restarted or shut down\)/,
    );
  });

  it("passes on the kernel's reason for a case it cannot send; a reply not of ours says so, and one for no request is ignored", async () => {
    const answers = [
      { type: 'error', message: 'there is no case 9 in this output' },
      { type: 'case', planes: 'not planes' },
    ];
    const cases = new KernelCases(
      output,
      () => ({
        createComm: () =>
          new StandInComm(({ request }, c) => {
            c.onMsg({ content: { data: { type: 'case', request: 99, index: 1, id: '0001', planes: [] } } });
            c.onMsg({ content: { data: { ...answers.shift(), request } } });
          }),
      }),
      embeddedArray,
    );
    const reason = async (index: number) => {
      const [plane] = await cases.planes(index);
      return plane.array.kind === 'error' ? plane.array.error : '';
    };
    assert.match(await reason(1), /^case 0001 cannot be had from the kernel: there is no case 9 in this output$/);
    assert.match(
      await reason(2),
      /^case 0002 cannot be had from the kernel: the kernel sent a reply that is not one of ours$/,
    );
  });
});
