export { createApp } from './app.js';
export { prepare, listen, type RunningServer } from './server.js';
export { loadConfig, type Config } from './platform/config.js';
export { seedDemo, DEMO } from './demo/seed.js';
export type { AppContext } from './app-context.js';
