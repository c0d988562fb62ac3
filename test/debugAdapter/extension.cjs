// The debug type debugpy for the end-to-end tests: VS Code starts the real debugpy adapter of
// the tests' Python ($MRNET_TEST_PYTHON) and speaks the Debug Adapter Protocol with it.
const vscode = require('vscode');

exports.activate = (context) => {
  context.subscriptions.push(
    vscode.debug.registerDebugAdapterDescriptorFactory('debugpy', {
      createDebugAdapterDescriptor: () =>
        new vscode.DebugAdapterExecutable(process.env.MRNET_TEST_PYTHON, ['-m', 'debugpy.adapter']),
    }),
  );
};
