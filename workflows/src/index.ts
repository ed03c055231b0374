export { journeyRun } from './journeyRun';
export { testEmail } from './testEmail';
