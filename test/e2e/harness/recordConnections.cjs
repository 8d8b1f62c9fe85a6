/*
 * Preloaded (NODE_OPTIONS=--require) into code-server and every Node process it starts: the
 * server, the extension host, the pty host. Records each outgoing TCP/TLS connection, UDP send
 * and DNS lookup to INKWELL_E2E_CONNECTIONS_DIR/<pid>.jsonl, so a test can prove that the
 * extension host, not only the browser, talked to nothing but loopback. Plain CommonJS: it runs
 * in code-server's Node without the test's TypeScript loader.
 */
'use strict';
const dir = process.env.INKWELL_E2E_CONNECTIONS_DIR;
if (dir) {
  const fs = require('node:fs');
  const path = require('node:path');
  const net = require('node:net');
  const dgram = require('node:dgram');
  const dns = require('node:dns');
  const file = path.join(dir, `${process.pid}.jsonl`);
  const role = process.argv.slice(1).join(' ').slice(0, 300);

  const record = (entry) => {
    try {
      fs.appendFileSync(file, `${JSON.stringify({ pid: process.pid, role, at: Date.now(), ...entry })}\n`);
    } catch {
      // The folder is gone once the test has read it; nothing left to record for.
    }
  };

  // Proves the recorder ran in this process, so that "nothing recorded" means nothing happened.
  record({ kind: 'start' });

  // net.connect/tls.connect/http/undici all end in Socket#connect, called with the options object,
  // (port, host), a path, or node's internal array of already normalised arguments.
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    const first = Array.isArray(args[0]) ? args[0][0] : args[0];
    if (first && typeof first === 'object') {
      if (first.path) record({ kind: 'ipc', path: String(first.path) });
      else record({ kind: 'tcp', host: String(first.host ?? 'localhost'), port: Number(first.port) });
    } else if (typeof first === 'number' || /^\d+$/.test(String(first))) {
      record({ kind: 'tcp', host: typeof args[1] === 'string' ? args[1] : 'localhost', port: Number(first) });
    } else if (typeof first === 'string') {
      record({ kind: 'ipc', path: first });
    }
    return connect.apply(this, args);
  };

  const send = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function (...args) {
    const address = args.find((arg, i) => i > 0 && typeof arg === 'string');
    const port = args.find((arg, i) => i > 0 && typeof arg === 'number' && arg > 0);
    record({ kind: 'udp', host: address ?? 'localhost', port: port ?? 0 });
    return send.apply(this, args);
  };

  const lookup = dns.lookup;
  dns.lookup = function (hostname, ...rest) {
    record({ kind: 'dns', host: String(hostname) });
    return lookup.call(this, hostname, ...rest);
  };
  const promisesLookup = dns.promises.lookup;
  dns.promises.lookup = function (hostname, ...rest) {
    record({ kind: 'dns', host: String(hostname) });
    return promisesLookup.call(this, hostname, ...rest);
  };
}
