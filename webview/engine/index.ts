/** The engine's narrow public API. */
export type * from './api';
export { EngineError, isEngineError, type EngineErrorCode } from './errors';
export { loadModel } from './loadModel';
