/**
 * The one test seam of model management: `INKWELL_TEST_CATALOG` names a JSON file of extra
 * catalog entries (generated models served by a loopback Hub in the end-to-end tests). It only
 * adds entries, marked as test entries in every picker; it changes nothing about how they are
 * downloaded and verified. Users never set it.
 */
import { readFileSync } from 'node:fs';
import type { CatalogModel } from '../common/catalog/catalogModel';
import { parseCatalogEntries } from '../common/catalog/parseCatalogEntries';

export const TEST_CATALOG_VARIABLE = 'INKWELL_TEST_CATALOG';

export function readTestCatalog(env: Readonly<Record<string, string | undefined>>): CatalogModel[] {
  const path = env[TEST_CATALOG_VARIABLE];
  if (!path) return [];
  try {
    return parseCatalogEntries(JSON.parse(readFileSync(path, 'utf8')), 'test');
  } catch (error) {
    throw new Error(`${TEST_CATALOG_VARIABLE}=${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
