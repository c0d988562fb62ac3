/** What the charts bundle offers a viewer page that loads it on demand (window.mrnetCharts). */
export interface ChartsApi {
  /**
   * A 1-D array as a line: index on x, value on y; the wheel zooms around the pointer, a drag
   * pans, and the value under the pointer is written beside it (`valueText`, as NumPy prints it).
   */
  linePlot(values: ArrayLike<number>, label: string, valueText: (i: number) => string): HTMLElement;
}

/** Loads the charts bundle once (a script with this page's nonce) and gives its API. */
export function loadCharts(): Promise<ChartsApi> {
  const w = window as unknown as { mrnetCharts?: ChartsApi; mrnetChartsLoading?: Promise<ChartsApi> };
  if (w.mrnetCharts) return Promise.resolve(w.mrnetCharts);
  w.mrnetChartsLoading ??= new Promise<ChartsApi>((resolve, reject) => {
    const own = document.querySelector<HTMLScriptElement>('script[nonce]');
    const script = document.createElement('script');
    script.nonce = own?.nonce ?? '';
    script.src = document.body.dataset.charts ?? '';
    script.addEventListener('load', () =>
      w.mrnetCharts ? resolve(w.mrnetCharts) : reject(new Error('the charts bundle offered nothing')),
    );
    script.addEventListener('error', () => reject(new Error('the charts bundle could not be loaded')));
    document.head.append(script);
  });
  return w.mrnetChartsLoading;
}
