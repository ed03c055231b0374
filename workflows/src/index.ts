export { journeyRun } from './journeyRun';
