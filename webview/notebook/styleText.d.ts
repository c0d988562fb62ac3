/** A stylesheet the renderer bundle carries as text (esbuild's text loader, esbuild.mjs). */
declare module '*.css' {
  const text: string;
  export default text;
}
