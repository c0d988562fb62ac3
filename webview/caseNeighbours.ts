import { HeldCases, holdable } from '../src/shared/heldCases';
import { CaseHolding, CaseInfo, CasePlane, HostMessage } from '../src/shared/protocol';

/** A case the page holds: enough to show it before the host answers. */
export interface HeldCase {
  caseInfo: CaseInfo;
  planes: CasePlane[];
}

/**
 * The neighbours the host reads ahead, as the page holds them (at most the case shown and its
 * two neighbours, see HeldCases), named on the page (`data-held-cases`) for tests and the benchmark.
 */
export class CaseNeighbours {
  private readonly held = new HeldCases<HeldCase>();
  /** The parts of a neighbour that have come so far. */
  private readonly arriving = new Map<string, CasePlane[]>();
  /** The case shown and its neighbours, as the host last said. */
  private around?: CaseHolding;
  /** The host's key of the case on screen (ahead of the host after Next or Previous). */
  displayedKey?: string;

  /** A neighbour comes in parts; it is held once the last is in. */
  take(message: Extract<HostMessage, { type: 'holdCase' }>): void {
    const planes = [...(message.part === 0 ? [] : (this.arriving.get(message.key) ?? [])), ...message.planes];
    this.arriving.set(message.key, planes);
    if (message.part < message.parts - 1) return;
    this.arriving.delete(message.key);
    this.held.hold(message.key, { caseInfo: message.caseInfo, planes }, message.keep);
    this.name();
  }

  get(key: string): HeldCase | undefined {
    return this.held.get(key);
  }

  /** The host shows a case: it and the neighbours it names are what the page keeps. */
  showing(caseInfo: CaseInfo, planes: CasePlane[], hold: CaseHolding | undefined): void {
    this.around = hold;
    for (const key of this.arriving.keys()) if (!hold?.keep.includes(key)) this.arriving.delete(key);
    if (!hold) return;
    this.held.show(hold.key, holdable(planes) ? { caseInfo, planes } : undefined, hold.keep);
    this.name();
  }

  /** The neighbour in `direction` when the page holds it and it is not on screen already. */
  neighbour(direction: 'next' | 'previous'): { key: string; held: HeldCase } | undefined {
    const key = this.around?.[direction];
    const held = key !== undefined && key !== this.displayedKey ? this.held.get(key) : undefined;
    return held && key !== undefined ? { key, held } : undefined;
  }

  private name(): void {
    document.body.dataset.heldCases = this.held.neighbours().join(' ');
  }
}
