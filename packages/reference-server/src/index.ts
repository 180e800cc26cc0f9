export { createApp } from './app.js';
export type { AppContext } from './app-context.js';
export { DEMO, seedDemo } from './demo/seed.js';
export { type Config, loadConfig } from './platform/config.js';
export { listen, prepare, type RunningServer } from './server.js';
