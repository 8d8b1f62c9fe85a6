import { EngineError } from '../errors';

/** `preprocessor_config.json` of an Idefics3 / SmolVLM model, as parsed JSON: the fields the image path reads. */
export interface Idefics3ProcessorConfig {
  do_resize?: boolean;
  size?: { longest_edge?: number; shortest_edge?: number; width?: number; height?: number };
  image_size?: Idefics3ProcessorConfig['size'];
  resample?: number;
  do_rescale?: boolean;
  rescale_factor?: number;
  do_normalize?: boolean;
  image_mean?: number | number[];
  image_std?: number | number[];
  mean?: number | number[];
  std?: number | number[];
  do_image_splitting?: boolean;
  max_image_size?: { longest_edge?: number };
}

/** The settings of the image path, validated and with transformers.js's defaults applied. */
export interface Idefics3ImageSettings {
  /** `size.longest_edge` when `do_resize`: the first (8-bit, resampled) resize; `undefined` skips it. */
  readonly longestEdge: number | undefined;
  /** `resample`, Pillow's numbering (1 = Lanczos). */
  readonly resample: number;
  /** `rescale_factor` when `do_rescale`. */
  readonly rescaleFactor: number | undefined;
  /** `image_mean` / `image_std` when `do_normalize`. */
  readonly meanStd: { readonly mean: readonly number[]; readonly std: readonly number[] } | undefined;
  readonly doImageSplitting: boolean;
  /** `max_image_size.longest_edge`: the side of every tile the vision encoder sees. */
  readonly tileSize: number;
}

function invalid(detail: string): EngineError {
  return new EngineError('invalid-model', `The model's preprocessor_config.json is not usable: ${detail}.`);
}

function positiveInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) throw invalid(`${name} must be a positive integer, got ${JSON.stringify(value)}`);
  return value;
}

function flag(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalid(`${name} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

/** A single number is broadcast to the 3 channels, as transformers.js does. */
function perChannel(value: unknown, name: string): number[] {
  const list: unknown = typeof value === 'number' ? [value, value, value] : value;
  if (!Array.isArray(list) || list.length !== 3 || !list.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw invalid(`${name} must be a number or 3 numbers, got ${JSON.stringify(value)}`);
  }
  return list;
}

/**
 * Validates the config with the defaults of transformers.js's `ImageProcessor` and
 * `Idefics3ImageProcessor` constructors: `resample` 2, `do_rescale` true, `rescale_factor` 1/255,
 * `do_resize` when `size` is set, `do_image_splitting` true, `do_normalize` off unless set.
 * Options Idefics3 never uses (`do_center_crop`, `do_thumbnail`, `size_divisibility`) are ignored.
 */
export function resolveIdefics3ImageSettings(config: Idefics3ProcessorConfig): Idefics3ImageSettings {
  if (typeof config !== 'object' || config === null) throw invalid('it is not a JSON object');
  const size = config.size ?? config.image_size;
  let longestEdge: number | undefined;
  if (flag(config.do_resize, 'do_resize', size !== undefined)) {
    if (typeof size !== 'object' || size === null || size.shortest_edge !== undefined || size.width !== undefined || size.height !== undefined) {
      throw invalid(`only size {"longest_edge": N} is supported, got ${JSON.stringify(size)}`);
    }
    longestEdge = positiveInteger(size.longest_edge, 'size.longest_edge');
  }

  const resample = config.resample ?? 2;
  if (!Number.isInteger(resample) || resample < 0 || resample > 5) throw invalid(`resample must be 0 to 5, got ${JSON.stringify(resample)}`);

  let rescaleFactor: number | undefined;
  if (flag(config.do_rescale, 'do_rescale', true)) {
    rescaleFactor = config.rescale_factor ?? 1 / 255;
    if (typeof rescaleFactor !== 'number' || !Number.isFinite(rescaleFactor)) throw invalid(`rescale_factor must be a number, got ${JSON.stringify(rescaleFactor)}`);
  }

  const meanStd = flag(config.do_normalize, 'do_normalize', false)
    ? { mean: perChannel(config.image_mean ?? config.mean, 'image_mean'), std: perChannel(config.image_std ?? config.std, 'image_std') }
    : undefined;

  return {
    longestEdge,
    resample,
    rescaleFactor,
    meanStd,
    doImageSplitting: flag(config.do_image_splitting, 'do_image_splitting', true),
    tileSize: positiveInteger(config.max_image_size?.longest_edge, 'max_image_size.longest_edge'),
  };
}
