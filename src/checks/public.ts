/** What apps use to write their own checks (`import { checks } from 'managets'`). */
export { CheckMessage, Debug, Info, Warning, Error, Critical, DEBUG, INFO, WARNING, ERROR, CRITICAL } from './messages.js';
export { Tags } from './registry.js';
export type { CheckFunction } from './registry.js';
export type { CheckContext } from './context.js';
