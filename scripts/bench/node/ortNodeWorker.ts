/**
 * Worker-thread entry for the `inkwell-ort-node` case: Inkwell on onnxruntime-node, as the
 * extension host's engine worker runs it on machines without WebGPU (src/engineHost/worker/;
 * that one uses half the cores). Nothing here may load onnxruntime-web:
 * both packages register a 'cpu' backend in onnxruntime-common's shared registry, and with both
 * loaded in one thread the "onnxruntime-node" sessions were measured running on wasm.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { nativeOrt } from '../../../webview/engine/adapters/node/nativeOrt';
import { nodeModelFiles } from '../../../webview/engine/adapters/node/nodeModelFiles';
import { openInkwell } from '../protocol/inkwellDriver';
import { runCase } from '../protocol/runCase';
import { installSessionProbe } from '../protocol/sessionTimer';
import type { NodeCaseRequest } from './nodeCase';
import { processNow } from './processClock';

const { spec, runs } = workerData as NodeCaseRequest;
const ort = nativeOrt(spec.ortNodeThreads ?? 1);
// 'cpu', as the extension's engine worker asks: the engine treats 'wasm' as onnxruntime-web's wasm
// backend (it would, for one, expand 4-bit weights for it).
const open = () => openInkwell(ort, nodeModelFiles(spec.modelLocation), 'cpu', spec.dtype);
void runCase(spec, runs, open, installSessionProbe(ort), processNow).then((figures) => parentPort!.postMessage(figures));
