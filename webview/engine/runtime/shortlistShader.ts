/**
 * WGSL for shortlistOnGpu.ts, on the last row of a [1, N, vocab] logits buffer. Three entry points,
 * run in order in one compute pass:
 * - `markAsked`: copies out the raw bits of each asked id and stamps it in `marks`, so that
 * - `reduceThreads` skips it while each thread finds the best of its strided share of the row, and
 * - `reduceAll` (one workgroup) keeps the best of those, with its raw bits.
 * Only `reduceAll` synchronizes: on SwiftShader (CPU-emulated WebGPU) every workgroup barrier is a
 * round of coroutine switches, and a tree reduction per workgroup of the first pass took ~20 ms.
 * Values are compared as order-preserving integer keys built from their bits, never as floats:
 * WGSL may flush subnormals and may assume there are no NaNs or infinities, and the choice must
 * be exactly the CPU's. float16 rows are read as packed u32 pairs, so `shader-f16` is not needed.
 */
export const WORKGROUP_SIZE = 64;
/** Elements per thread in `reduceThreads`: a 49k-entry row then takes 12 workgroups, 768 partial results. */
export const ITEMS_PER_THREAD = 64;
/** `best`'s index when every id was asked for. */
export const NO_INDEX = 0xffffffff;

const BITS = {
  float32: { sign: '0x80000000u', all: '0xffffffffu', infinity: '0x7f800000u', read: 'return logits[element];' },
  float16: {
    sign: '0x8000u',
    all: '0xffffu',
    infinity: '0x7c00u',
    read: 'let word = logits[element >> 1u]; return select(word & 0xffffu, word >> 16u, (element & 1u) == 1u);',
  },
} as const;

export function shortlistShader(dtype: keyof typeof BITS): string {
  const bits = BITS[dtype];
  return /* wgsl */ `
struct Params { rowStart: u32, vocab: u32, askedCount: u32, stamp: u32 }

@group(0) @binding(0) var<storage, read> logits: array<u32>;
@group(0) @binding(1) var<storage, read> askedIds: array<u32>;
@group(0) @binding(2) var<storage, read_write> marks: array<u32>;
@group(0) @binding(3) var<storage, read_write> askedBits: array<u32>;
@group(0) @binding(4) var<storage, read_write> partials: array<vec2u>;
@group(0) @binding(5) var<storage, read_write> best: vec2u;
@group(0) @binding(6) var<uniform> params: Params;

const EMPTY = vec2u(0u, ${NO_INDEX}u);
var<workgroup> scratch: array<vec2u, ${WORKGROUP_SIZE}>;

fn bitsAt(element: u32) -> u32 { ${bits.read} }

// (key, index): a larger key wins; on equal keys the lower index, as the CPU's first-of-equal-maxima.
// -0 and +0 share a key; NaN gets the lowest key (0, below -inf's), except at index 0, where the
// CPU's argmax never moves off it and so it gets the highest.
fn entry(index: u32) -> vec2u {
  let bits = bitsAt(params.rowStart + index);
  let magnitude = bits & (${bits.all} ^ ${bits.sign});
  if (magnitude > ${bits.infinity}) { return vec2u(select(0u, 0xffffffffu, index == 0u), index); }
  if (magnitude == 0u) { return vec2u(${bits.sign}, index); }
  let key = select(bits | ${bits.sign}, ~bits & ${bits.all}, (bits & ${bits.sign}) != 0u);
  return vec2u(key, index);
}

fn better(a: vec2u, b: vec2u) -> vec2u {
  return select(b, a, a.x > b.x || (a.x == b.x && a.y < b.y));
}

@compute @workgroup_size(${WORKGROUP_SIZE})
fn markAsked(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= params.askedCount) { return; }
  let index = askedIds[id.x];
  marks[index] = params.stamp;
  askedBits[id.x] = bitsAt(params.rowStart + index);
}

@compute @workgroup_size(${WORKGROUP_SIZE})
fn reduceThreads(@builtin(global_invocation_id) id: vec3u) {
  let threads = arrayLength(&partials);
  var mine = EMPTY;
  for (var index = id.x; index < params.vocab; index += threads) {
    if (marks[index] != params.stamp) { mine = better(entry(index), mine); }
  }
  partials[id.x] = mine;
}

@compute @workgroup_size(${WORKGROUP_SIZE})
fn reduceAll(@builtin(local_invocation_index) local: u32) {
  var mine = EMPTY;
  for (var i = local; i < arrayLength(&partials); i += ${WORKGROUP_SIZE}u) { mine = better(partials[i], mine); }
  scratch[local] = mine;
  for (var stride = ${WORKGROUP_SIZE / 2}u; stride > 0u; stride >>= 1u) {
    workgroupBarrier();
    if (local < stride) { scratch[local] = better(scratch[local], scratch[local + stride]); }
  }
  if (local == 0u) {
    let index = scratch[0].y;
    best = vec2u(index, 0u);
    if (index != ${NO_INDEX}u) { best.y = bitsAt(params.rowStart + index); }
  }
}
`;
}
