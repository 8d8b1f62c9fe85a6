/** The models Inkwell offers to download, default first. */
import type { CatalogModel } from './catalogModel';
import { qwen25_05b } from './qwen25_05b';
import { qwen25_15b } from './qwen25_15b';
import { smolLm2_360m } from './smolLm2_360m';
import { smolVlm256m } from './smolVlm256m';
import { smolVlm500m } from './smolVlm500m';

export const BUILT_IN_CATALOG: readonly CatalogModel[] = [smolVlm256m, smolVlm500m, smolLm2_360m, qwen25_05b, qwen25_15b].map(
  (model) => ({ ...model, origin: 'built-in' }),
);

/** What the walkthrough's one-click download fetches. */
export const DEFAULT_CATALOG_MODEL_ID = smolVlm256m.id;
