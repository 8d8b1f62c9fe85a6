/** Which precision of a catalog model to download for the `inkwell.dtype` setting. */
import type { DtypeSetting } from '../../../webview/protocol/engineProtocol';
import { availablePrecisions, type CatalogModel, type Precision } from './catalog/catalogModel';

/**
 * An explicit setting wins when the model has it. For `auto`, q4: it runs on WASM and on every
 * GPU (q4f16 needs shader-f16, and the engine would fall back from it to q4 anyway), and it is
 * the smallest download that works everywhere.
 */
export function choosePrecision(model: CatalogModel, setting: DtypeSetting): Precision {
  const available = availablePrecisions(model);
  if (setting !== 'auto' && available.includes(setting)) return setting;
  return available.includes('q4') ? 'q4' : available[0];
}

/**
 * What a download must add so the model runs under the `inkwell.dtype` setting: the setting's
 * precision if the model offers it and it is missing; for `auto`, nothing when any precision is
 * already here, else the one `choosePrecision` picks.
 */
export function precisionToDownload(model: CatalogModel, installed: readonly Precision[], setting: DtypeSetting): Precision | undefined {
  const wanted = choosePrecision(model, setting);
  const explicit = setting !== 'auto' && wanted === setting;
  if (explicit) return installed.includes(wanted) ? undefined : wanted;
  return installed.length > 0 ? undefined : wanted;
}
