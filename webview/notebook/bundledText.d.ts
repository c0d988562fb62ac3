/** A stylesheet the notebook bundles carry as text (esbuild's text loader, esbuild.mjs). */
declare module '*.css' {
  const text: string;
  export default text;
}

/** One of the extension's bundles, dist/NAME.js, as text in a notebook bundle (esbuild.mjs). */
declare module 'mrnet:bundle/*' {
  const text: string;
  export default text;
}
