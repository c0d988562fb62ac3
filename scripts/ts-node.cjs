// Lets Node load TypeScript (tests, scripts): each .ts file is transpiled by esbuild as it is required.
const { transformSync } = require('esbuild');
const fs = require('fs');

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    loader: 'ts',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcefile: filename,
  });
  module._compile(code, filename);
};
