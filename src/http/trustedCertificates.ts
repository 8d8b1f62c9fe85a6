/**
 * Extra certificate authorities for servers behind a company TLS proxy or with a private CA
 * (a self-hosted vLLM, say). Node's `ca` option replaces the trust store instead of adding to
 * it, so the extra certificates travel with Node's bundled roots and, where this Node can read
 * it (22.15+, as in current VS Code), the operating system's store.
 */
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as tls from 'node:tls';

export class CertificateFileError extends Error {
  readonly code = 'bad-ca-file';
  constructor(message: string) {
    super(message);
    this.name = 'CertificateFileError';
  }
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Reads PEM files (each may hold a chain); rejects a file that holds no valid certificate. */
export async function readCertificateFiles(paths: readonly string[]): Promise<string[]> {
  const certificates: string[] = [];
  for (const path of paths) {
    const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new CertificateFileError(`Cannot read the certificate file ${path} (${error.code ?? error.message}).`);
    });
    const blocks = text.match(PEM_BLOCK) ?? [];
    if (blocks.length === 0) throw new CertificateFileError(`${path} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
    for (const block of blocks) {
      try {
        new X509Certificate(block);
      } catch {
        throw new CertificateFileError(`${path} holds a certificate that cannot be read.`);
      }
      certificates.push(block);
    }
  }
  return certificates;
}

/** The `ca` list for requests: undefined (Node's and VS Code's defaults) unless there are extras. */
export function trustedCertificates(extra: readonly string[]): string[] | undefined {
  if (extra.length === 0) return undefined;
  return [...tls.rootCertificates, ...systemCertificates(), ...extra];
}

function systemCertificates(): string[] {
  const read = (tls as { getCACertificates?: (type: 'system') => string[] }).getCACertificates;
  return read ? read('system') : [];
}
