/** Anything that holds resources until it is disposed: VS Code's Disposable, an emitter, a panel. */
export interface IDisposable {
  dispose(): unknown;
}

/**
 * The one pattern for what a class holds: it owns each resource it creates (`own`), and its
 * dispose disposes them all, the last taken first, once.
 */
export abstract class Disposable implements IDisposable {
  private readonly owned: IDisposable[] = [];
  private disposed = false;

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  /** `resource`, to be disposed with this object (at once if this one already is). */
  protected own<T extends IDisposable>(resource: T): T {
    if (this.disposed) resource.dispose();
    else this.owned.push(resource);
    return resource;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeAll(this.owned.splice(0).reverse());
  }
}

export function disposeAll(resources: Iterable<IDisposable>): void {
  for (const resource of resources) resource.dispose();
}
