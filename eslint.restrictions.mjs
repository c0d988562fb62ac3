// The architecture and security rules of the project, as lint rules (eslint.config.mjs uses
// them; test/unit/lintRules.test.ts checks that each one refuses what it should).

const noVscode = {
  name: 'vscode',
  message: 'src/core and src/shared are pure TypeScript: the webview and the Node tests import them.',
};

export const restrictions = [
  {
    // Pure code: no vscode, so that tests run it under Node and (src/shared) the webview runs it.
    files: ['src/core/**/*.ts', 'src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    // What the webview and the host share imports nothing else: no vscode, no Node, no host code.
    files: ['src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode],
          patterns: [
            { regex: '^node:', message: 'src/shared runs in the webview: no Node modules.' },
            {
              regex:
                '^\\..*/(core|arrays|dataset|npyEditor|npzEditor|caseViewer|tree|commands|export|overview|predictions|report|settings|overlays|webviews)/|/extension$',
              message: 'src/shared imports only src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    // The webview imports from the host only what is shared.
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noVscode],
          patterns: [
            { regex: '^\\.\\./src/(?!shared/)', message: 'The webview imports only src/shared of the extension.' },
            { regex: '^node:', message: 'The webview runs in a browser: no Node modules.' },
          ],
        },
      ],
      // No HTML from strings, no inline handlers, no eval, no network.
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Build the DOM with createElement (no HTML from strings).' },
        { property: 'outerHTML', message: 'Build the DOM with createElement (no HTML from strings).' },
        { property: 'insertAdjacentHTML', message: 'Build the DOM with createElement (no HTML from strings).' },
        { object: 'document', property: 'write', message: 'Build the DOM with createElement (no HTML from strings).' },
        { object: 'navigator', property: 'sendBeacon', message: 'Webviews make no network requests.' },
      ],
      'no-restricted-globals': [
        'error',
        ...['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({
          name,
          message: 'Webviews make no network requests.',
        })),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='setAttribute'][arguments.0.value=/^on/i]",
          message: 'No inline event handlers: use addEventListener.',
        },
        {
          selector:
            "CallExpression[callee.name='el'] > ObjectExpression > Property:matches([key.name=/^on/i], [key.value=/^on/i])",
          message: 'No inline event handlers: use addEventListener.',
        },
      ],
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // The extension only reads: writes are the sample generator's (into an empty folder the
    // user chose), a saved slice's (where the user chose in a save dialog), the dataset
    // overview's cache (in the extension's own storage, never in a dataset) and the temporary
    // folder of a debug or notebook viewer (outside the workspace, removed with the viewer).
    files: ['src/**/*.ts'],
    ignores: [
      'src/commands/datasetCommands.ts',
      'src/export/sliceExport.ts',
      'src/overview/volumeFacts.ts',
      'src/arrayPanels/temporaryFolder.ts',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.property.name='fs'][property.name=/^(writeFile|delete|rename|copy|createDirectory)$/]",
          message: 'Only the sample generator and a saved slice write files.',
        },
        {
          selector:
            'ImportDeclaration[source.value=/^(node:)?fs(\\u002Fpromises)?$/] ImportSpecifier[imported.name=/^(write|append|mkdir|rm|unlink|truncate|rename|copy|cp|symlink|link|chmod|chown|utimes)/]',
          message: 'Only the sample generator and a saved slice write files.',
        },
      ],
    },
  },
];
