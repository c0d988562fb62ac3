/** Python source bundled as text (esbuild's text loader; the tests' loader does the same). */
declare module '*.py' {
  const source: string;
  export default source;
}
