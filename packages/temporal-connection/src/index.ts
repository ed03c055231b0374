export { TemporalEnv, temporalEnvProblems } from './temporalEnv';
export { describeTemporalConnection, temporalCliConnection, temporalConnection, type TemporalConnection, type TemporalTls } from './temporalConnection';
export { loadTemporalConnection } from './loadTemporalConnection';
