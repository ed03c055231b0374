// Piscina loads this file in each render thread. The render code is TypeScript and a thread does not share the
// loader of a test runner, so tsx loads it here; under `node --import tsx` this costs nothing extra.
import { tsImport } from 'tsx/esm/api';

const { renderTask } = await tsImport('./renderThread.ts', import.meta.url);

export default renderTask;
