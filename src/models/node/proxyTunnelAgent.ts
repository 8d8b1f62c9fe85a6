/**
 * HTTPS through an HTTP proxy: opens `CONNECT host:port` on the proxy, then speaks TLS to the
 * server inside that tunnel (RFC 9110 §9.3.6). Node has no built-in agent for this.
 * In VS Code with `http.proxySupport: override` (the default) VS Code's own agent replaces this
 * one for the same settings; this one serves the other modes, the CLI and tests.
 */
import type { Duplex } from 'node:stream';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';

export class ProxyTunnelAgent extends https.Agent {
  constructor(
    private readonly proxy: URL,
    private readonly proxyAuthorization: string | undefined,
    options: https.AgentOptions,
  ) {
    super({ ...options, keepAlive: false });
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): undefined {
    const done = callback ?? (() => undefined);
    const target = `${options.host ?? options.hostname}:${options.port ?? 443}`;
    const socket = net.connect({ host: this.proxy.hostname, port: Number(this.proxy.port) || 80 });
    let received = Buffer.alloc(0);
    const fail = (error: Error) => {
      socket.destroy();
      done(error, socket);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.off('error', fail);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(received.toString('latin1'))?.[1];
      if (status !== '200') return fail(new Error(`the proxy ${this.proxy.host} refused the tunnel to ${target} (${status ?? 'no HTTP answer'})`));
      const secure = tls.connect({ ...(options as tls.ConnectionOptions), socket, servername: String(options.servername ?? options.host ?? '') });
      done(null, secure);
    };
    socket.on('data', onData);
    socket.once('error', fail);
    socket.once('connect', () => {
      const auth = this.proxyAuthorization ? `Proxy-Authorization: ${this.proxyAuthorization}\r\n` : '';
      socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth}\r\n`);
    });
    return undefined;
  }
}
