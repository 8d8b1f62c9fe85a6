// VS Code strips NODE_OPTIONS from the extension host's environment, so the recorder reaches it
// as an extension that activates first ('*') and patches the host process's shared net/dns/dgram.
'use strict';
require('./recordConnections.cjs');
exports.activate = () => undefined;
