import * as onnxProto from 'onnx-proto';
import { float16ToFloat32 } from '../float16';

const { onnx } = onnxProto;
type Tensor = onnxProto.onnx.ITensorProto;

/**
 * The values of a float32 initializer, from `raw_data` or `float_data`; undefined for any other
 * type or for data kept outside the file (external data), which the caller then leaves alone.
 */
export function float32Values(tensor: Tensor): Float32Array | undefined {
  if (tensor.dataType !== onnx.TensorProto.DataType.FLOAT || isExternal(tensor)) return undefined;
  if (tensor.rawData?.length) return new Float32Array(new Uint8Array(tensor.rawData).buffer);
  return Float32Array.from(tensor.floatData ?? []);
}

/** The values of a float32 or float16 initializer, as float32 (float16 widens exactly); undefined for any other type. */
export function floatValues(tensor: Tensor): Float32Array | undefined {
  if (tensor.dataType !== onnx.TensorProto.DataType.FLOAT16 || isExternal(tensor)) return float32Values(tensor);
  if (tensor.rawData?.length) return float16ToFloat32(new Uint16Array(new Uint8Array(tensor.rawData).buffer));
  // int32_data holds float16s one per entry, in its low 16 bits.
  return float16ToFloat32(Uint16Array.from(tensor.int32Data ?? []));
}

/** The bytes of a uint8 initializer, from `raw_data` or (one value per entry) `int32_data`. */
export function uint8Values(tensor: Tensor): Uint8Array | undefined {
  if (tensor.dataType !== onnx.TensorProto.DataType.UINT8 || isExternal(tensor)) return undefined;
  if (tensor.rawData?.length) return tensor.rawData;
  return Uint8Array.from(tensor.int32Data ?? []);
}

export function elementCount(tensor: Tensor): number {
  return (tensor.dims ?? []).reduce<number>((product, dim) => product * Number(dim), 1);
}

/** Whether the tensor's data is kept outside the file (external data). */
export function isExternal(tensor: Tensor): boolean {
  return tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL;
}

/** The values of an int64 tensor, from `raw_data` or `int64_data`. */
export function int64Values(tensor: Tensor): bigint[] | undefined {
  if (tensor.dataType !== onnx.TensorProto.DataType.INT64 || isExternal(tensor)) return undefined;
  if (tensor.rawData?.length) {
    const raw = new Uint8Array(tensor.rawData);
    return [...new BigInt64Array(raw.buffer, 0, raw.length / 8)];
  }
  return (tensor.int64Data ?? []).map((value) => BigInt(value.toString()));
}
