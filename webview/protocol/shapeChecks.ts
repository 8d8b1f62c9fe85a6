/**
 * Small composable checks for message shapes. A check returns why a value does not fit (naming
 * the path to the offending field), or undefined when it fits.
 */
export type ShapeCheck = (value: unknown, path: string) => string | undefined;

export type Validation<T> = { ok: true; message: T } | { ok: false; reason: string };

/** Runs a message-level check: the value as `T` when it fits, else why not. */
export function validateShape<T>(check: ShapeCheck, value: unknown): Validation<T> {
  const reason = check(value, 'message');
  return reason === undefined ? { ok: true, message: value as T } : { ok: false, reason };
}

type Describe = (value: unknown) => string;

const describe: Describe = (value) => {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return 'bytes';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)?.slice(0, 40)}`;
};

export const isString: ShapeCheck = (value, path) =>
  typeof value === 'string' ? undefined : `${path}: expected a string, got ${describe(value)}`;

export const isBoolean: ShapeCheck = (value, path) =>
  typeof value === 'boolean' ? undefined : `${path}: expected a boolean, got ${describe(value)}`;

/** Finite numbers only: NaN and Infinity never mean anything in these messages. */
export const isNumber: ShapeCheck = (value, path) =>
  typeof value === 'number' && Number.isFinite(value) ? undefined : `${path}: expected a finite number, got ${describe(value)}`;

export const isNonNegative: ShapeCheck = (value, path) =>
  isNumber(value, path) ?? ((value as number) >= 0 ? undefined : `${path}: expected a number >= 0, got ${value}`);

export const isBytes: ShapeCheck = (value, path) =>
  value instanceof Uint8Array ? undefined : `${path}: expected a Uint8Array, got ${describe(value)}`;

export function oneOf(...allowed: readonly string[]): ShapeCheck {
  return (value, path) =>
    typeof value === 'string' && allowed.includes(value)
      ? undefined
      : `${path}: expected one of ${allowed.join(', ')}, got ${describe(value)}`;
}

export function arrayOf(item: ShapeCheck): ShapeCheck {
  return (value, path) => {
    if (!Array.isArray(value)) return `${path}: expected an array, got ${describe(value)}`;
    for (let i = 0; i < value.length; i++) {
      const reason = item(value[i], `${path}[${i}]`);
      if (reason) return reason;
    }
    return undefined;
  };
}

export function optional(check: ShapeCheck): ShapeCheck {
  return (value, path) => (value === undefined ? undefined : check(value, path));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** Every listed field must pass its check; fields not listed are allowed and ignored. */
export function objectWith(fields: Record<string, ShapeCheck>): ShapeCheck {
  return (value, path) => {
    if (!isRecord(value)) return `${path}: expected an object, got ${describe(value)}`;
    for (const [name, check] of Object.entries(fields)) {
      const reason = check(value[name], `${path}.${name}`);
      if (reason) return reason;
    }
    return undefined;
  };
}

/** Picks the shape by a discriminant field holding a string or a boolean (`type`, `available`...). */
export function unionBy(discriminant: string, shapes: Record<string, ShapeCheck>): ShapeCheck {
  return (value, path) => {
    if (!isRecord(value)) return `${path}: expected an object, got ${describe(value)}`;
    const tag = value[discriminant];
    const key = typeof tag === 'string' || typeof tag === 'boolean' ? String(tag) : undefined;
    if (key === undefined || !Object.hasOwn(shapes, key)) {
      return `${path}.${discriminant}: expected one of ${Object.keys(shapes).join(', ')}, got ${describe(tag)}`;
    }
    return shapes[key]!(value, path);
  };
}
