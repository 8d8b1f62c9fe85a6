/**
 * A fix to onnxruntime-web 1.30's JavaScript that lets a caller keep inputs in the wasm heap. ORT
 * copies every CPU input into its heap on every run (wasm-core-impl's prepareInputOutputTensor):
 * for a decoder that reads a KV cache as inputs, 190 MB a decode step at 4k context, 12% of the
 * step on one core. The fix puts `env.wasm.inkwellResidentHeap` (`ResidentHeap` in
 * webview/engine/runtime/settledRows.ts says what each member does) on the module: the caller
 * allocates a block in ORT's heap, writes its rows there once, and hands a view of it to a run
 * after `hold`ing it; ORT then creates the input tensor on the block where it is (as it does for
 * its own copies) and does not free it after the run. Inputs nobody held are copied as before.
 */

const NAME = '[\\w$]+';

/** `S=m.byteLength,p=i._malloc(S),n.push(p),i.HEAPU8.set(new Uint8Array(m.buffer,m.byteOffset,S),p)`: a CPU input copied. */
const COPIED_INPUT = new RegExp(
  `(${NAME})=(${NAME})\\.byteLength,(${NAME})=(${NAME})\\._malloc\\(\\1\\),(${NAME})\\.push\\(\\3\\),\\4\\.HEAPU8\\.set\\(new Uint8Array\\(\\2\\.buffer,\\2\\.byteOffset,\\1\\),\\3\\)`,
  'g',
);

/** `E=()=>{if(a&&b)return b;throw new Error("WebAssembly is not initialized yet.")}`: the getter of ORT's wasm module. */
const INSTANCE = new RegExp(`(${NAME})=\\(\\)=>\\{if\\(${NAME}&&(${NAME})\\)return \\2;throw new Error\\("WebAssembly is not initialized yet\\."\\)\\}`, 'g');

/** `Object.defineProperty(env.versions,"web",{value:v,enumerable:!0});`: the end of the module's setup, with `env` in scope. */
const SETUP_END = new RegExp(`Object\\.defineProperty\\((${NAME})\\.versions,"web",\\{value:${NAME},enumerable:!0\\}\\);`, 'g');

/** `source` with the fix; throws unless the code it changes is there as expected, so an ORT update cannot drop it silently. */
export function patchResidentInputs(source: string): string {
  if (source.includes('inkwellResidentHeap')) throw new Error('onnxruntime-web already has the fix to its input copying');
  const copies = [...source.matchAll(COPIED_INPUT)];
  const instances = [...source.matchAll(INSTANCE)];
  const ends = [...source.matchAll(SETUP_END)];
  if (copies.length !== 2 || instances.length !== 1 || ends.length !== 1) {
    throw new Error(
      `onnxruntime-web's input copying changed (${copies.length} copies, ${instances.length} module getters, ${ends.length} setup ends): review scripts/ortResidentInputsPatch.ts`,
    );
  }
  const instance = instances[0]![1]!;
  const [end, env] = ends[0]!;
  const heap =
    `var __inkwellHeld=new WeakMap,__inkwellBlock;` +
    `Object.defineProperty(${env}.wasm,"inkwellResidentHeap",{value:Object.freeze({` +
    `allocate:b=>${instance}()._malloc(b),free:p=>${instance}()._free(p),memory:()=>${instance}().HEAPU8.buffer,` +
    `hold:(v,p)=>{__inkwellHeld.set(v,{pointer:p,bytes:v.byteLength})}})});`;
  return source
    .replace(COPIED_INPUT, (copy, bytes: string, data: string, pointer: string) =>
      `(__inkwellBlock=__inkwellHeld.get(${data}))?(${pointer}=__inkwellBlock.pointer,${bytes}=__inkwellBlock.bytes):(${copy})`,
    )
    .replace(end, () => end + heap);
}

/** onnxruntime-web's minified builds for the browser, the ones the webviews and the benches load. */
export const ORT_MINIFIED_BROWSER_BUILD = /onnxruntime-web[\\/]dist[\\/]ort\.(webgpu|wasm)(\.bundle)?\.min\.mjs$/;
