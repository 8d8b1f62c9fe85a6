import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import * as onnxProto from 'onnx-proto';
import { newRowsName, pastName, presentName, recentPastName } from '../../../../webview/engine/runtime/kvCacheNames';
import { outputPresentAsNewRows } from '../../../../webview/engine/runtime/cpuGraph/presentAsNewRows';
import { fixtureModels } from '../../../support/fixtureModels';

const { onnx } = onnxProto;
type Model = onnxProto.onnx.ModelProto;

async function tinyLlamaGraph(): Promise<Model> {
  return onnx.ModelProto.decode(await readFile(join(await fixtureModels(), 'tiny-llama', 'onnx', 'model.onnx')));
}

const outputNames = (model: Model) => model.graph!.output!.map((o) => o.name!);
const producerOf = (model: Model, name: string) => model.graph!.node!.find((n) => n.output!.includes(name))!;

describe('outputting only the new cache rows', () => {
  it("replaces each present output with its Concat's new rows, and keeps the Concat for the attention", async () => {
    const model = await tinyLlamaGraph();
    const layers = outputNames(model).filter((n) => n.startsWith('present.')).length / 2;
    const concat = producerOf(model, presentName(1, 'value'));
    const rows = concat.input![1]!;
    assert.equal(outputPresentAsNewRows(model), true);
    const names = outputNames(model);
    assert.equal(names.filter((n) => n.startsWith('present.') && !n.endsWith('.new_rows')).length, 0);
    assert.equal(names.filter((n) => n.endsWith('.new_rows')).length, 2 * layers);
    const identity = producerOf(model, newRowsName(1, 'value'));
    assert.deepEqual([identity.opType, identity.input], ['Identity', [rows]]);
    assert.ok(model.graph!.node!.includes(concat), 'the attention still reads the whole cache');
    assert.deepEqual(concat.input, [pastName(1, 'value'), recentPastName(1, 'value'), rows], 'the past in two parts');
    const recent = model.graph!.input!.find((i) => i.name === recentPastName(1, 'value'))!;
    const past = model.graph!.input!.find((i) => i.name === pastName(1, 'value'))!;
    assert.equal(recent.type!.tensorType!.elemType, past.type!.tensorType!.elemType);
    assert.equal(recent.type!.tensorType!.shape!.dim![2]!.dimParam, 'recent_sequence_length');
    assert.notEqual(past.type!.tensorType!.shape!.dim![2]!.dimParam, 'recent_sequence_length', 'the past input keeps its type');
    const dims = model.graph!.output!.find((o) => o.name === newRowsName(1, 'value'))!.type!.tensorType!.shape!.dim!;
    assert.equal(dims[2]!.dimParam, 'sequence_length');
  });

  it('leaves every layer alone when one present is not a Concat onto its own past', async () => {
    const model = await tinyLlamaGraph();
    const concat = producerOf(model, presentName(1, 'key'));
    concat.input = [concat.input![1]!, concat.input![0]!];
    const before = onnx.ModelProto.encode(model).finish();
    assert.equal(outputPresentAsNewRows(model), false);
    assert.deepEqual(onnx.ModelProto.encode(model).finish(), before);
  });

  it('leaves a graph alone when a present Concat joins along another axis', async () => {
    const model = await tinyLlamaGraph();
    producerOf(model, presentName(0, 'value')).attribute!.find((a) => a.name === 'axis')!.i = 1;
    assert.equal(outputPresentAsNewRows(model), false);
  });

  it('leaves a graph without a cache alone', async () => {
    const model = await tinyLlamaGraph();
    model.graph!.output = model.graph!.output!.filter((o) => o.name === 'logits');
    assert.equal(outputPresentAsNewRows(model), false);
  });
});
