/** The built-in apps, exported as the package's `contrib` namespace ('managets.contrib.auth...'). */
export * as auth from './auth/index.js';
