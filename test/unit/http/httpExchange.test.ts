import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { openHttpExchange, type HttpExchangeSpec } from '../../../src/http/httpExchange';
import { NetworkError } from '../../../src/http/networkError';
import { readCertificateFiles, trustedCertificates } from '../../../src/http/trustedCertificates';

const servers: Server[] = [];

async function serve(listener: RequestListener, server: Server = createHttpServer()): Promise<string> {
  server.on('request', listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

function spec(url: string, overrides: Partial<HttpExchangeSpec> = {}): HttpExchangeSpec {
  return { url: new URL(url), method: 'GET', headers: {}, connectTimeoutMs: 1_000, idleTimeoutMs: 1_000, signal: new AbortController().signal, ...overrides };
}

async function failureOf(promise: Promise<unknown>): Promise<NetworkError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof NetworkError, `not a NetworkError: ${String(error)}`);
    return error;
  }
  assert.fail('did not fail');
}

async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  let text = '';
  for await (const chunk of chunks) text += Buffer.from(chunk).toString('utf8');
  return text;
}

after(() => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
});

describe('openHttpExchange', () => {
  it('hands over the body chunk by chunk as it arrives', async () => {
    const url = await serve((_, response) => {
      response.write('one ');
      setTimeout(() => response.end('two'), 20);
    });
    const response = await openHttpExchange(spec(url));
    assert.equal(response.status, 200);
    assert.equal(await readAll(response.chunks()), 'one two');
  });

  it('gives up on a server that accepts but never answers, after the idle timeout', async () => {
    const url = await serve(() => undefined);
    const error = await failureOf(openHttpExchange(spec(url, { idleTimeoutMs: 150 })));
    assert.equal(error.code, 'idle-timeout');
    assert.match(error.message, /^127\.0\.0\.1:\d+ sent nothing for 0\.1 s; the request was stopped\.$/);
  });

  it('gives up on a body that falls silent, after the idle timeout', async () => {
    const url = await serve((_, response) => response.write('started'));
    const response = await openHttpExchange(spec(url, { idleTimeoutMs: 150 }));
    const error = await failureOf(readAll(response.chunks()));
    assert.equal(error.code, 'idle-timeout');
  });

  it('reports a port nobody listens on as unreachable', async () => {
    const url = await serve(() => undefined);
    const closed = servers.pop() as Server;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failureOf(openHttpExchange(spec(url)));
    assert.equal(error.code, 'unreachable');
    assert.match(error.message, /Could not connect to 127\.0\.0\.1:\d+ \(connection refused\)\./);
  });

  it('reports a body the server cut off as a lost connection', async () => {
    const url = await serve((_, response) => {
      response.write('partial');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    const response = await openHttpExchange(spec(url));
    assert.equal((await failureOf(readAll(response.chunks()))).code, 'connection-lost');
  });

  it('closes the connection when the signal aborts mid-body', async () => {
    let serverSawClose!: Promise<void>;
    const url = await serve((request, response) => {
      serverSawClose = new Promise((resolve) => request.socket.once('close', () => resolve()));
      response.write('streaming');
    });
    const controller = new AbortController();
    const response = await openHttpExchange(spec(url, { signal: controller.signal }));
    const reading = failureOf(readAll(response.chunks()));
    controller.abort();
    assert.equal((await reading).code, 'aborted');
    await serverSawClose;
  });

  it('sends the method, headers and body it was given', async () => {
    let seen = '';
    const url = await serve(async (request, response) => {
      let body = '';
      for await (const chunk of request) body += chunk;
      seen = `${request.method} ${request.headers['x-test']} ${request.headers['content-length']} ${body}`;
      response.end();
    });
    await (await openHttpExchange(spec(url, { method: 'POST', headers: { 'x-test': 'yes' }, body: '{"é":1}' }))).text();
    assert.equal(seen, 'POST yes 8 {"é":1}');
  });
});

describe('custom certificate authorities', () => {
  let folder: string;
  let certificateFile: string;
  let httpsUrl: string;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'inkwell-ca-'));
    certificateFile = join(folder, 'server.pem');
    const keyFile = join(folder, 'server.key');
    // A self-signed certificate for 127.0.0.1 stands in for a server with a private CA.
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=Inkwell test CA', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', keyFile, '-out', certificateFile,
    ], { stdio: 'ignore' });
    const server = createHttpsServer({ key: readFileSync(keyFile), cert: readFileSync(certificateFile) });
    httpsUrl = (await serve((_, response) => response.end('secure hello'), server)).replace(/^http:/, 'https:');
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it('refuses a server whose certificate no trusted authority signed', async () => {
    const error = await failureOf(openHttpExchange(spec(httpsUrl)));
    assert.equal(error.code, 'tls');
    assert.match(error.message, /The secure connection to 127\.0\.0\.1:\d+ failed: self[- ]signed certificate/);
  });

  it('trusts it once its certificate is added from a PEM file', async () => {
    const ca = trustedCertificates(await readCertificateFiles([certificateFile]));
    const response = await openHttpExchange(spec(httpsUrl, { ca }));
    assert.equal(await response.text(), 'secure hello');
  });

  it('keeps trusting the public roots alongside the added certificate', async () => {
    const ca = trustedCertificates(['-----BEGIN CERTIFICATE-----\nextra\n-----END CERTIFICATE-----']) ?? [];
    assert.ok(ca.length > 100, `only ${ca.length} certificates`);
  });

  it('adds nothing when no file is configured, so the defaults apply', () => {
    assert.equal(trustedCertificates([]), undefined);
  });

  it('rejects a file that holds no certificate, naming it', async () => {
    const notPem = join(folder, 'notes.txt');
    writeFileSync(notPem, 'not a certificate');
    await assert.rejects(readCertificateFiles([notPem]), { code: 'bad-ca-file', message: `${notPem} holds no PEM certificate (-----BEGIN CERTIFICATE-----).` });
    await assert.rejects(readCertificateFiles([join(folder, 'missing.pem')]), { code: 'bad-ca-file', message: /Cannot read the certificate file .*missing\.pem \(ENOENT\)/ });
  });
});
