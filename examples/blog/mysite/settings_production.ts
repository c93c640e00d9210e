/** The same site with DEBUG off: `manage runserver --settings mysite.settings_production`. */
export * from './settings.js';

export const DEBUG = false;
export const ALLOWED_HOSTS = ['127.0.0.1', 'localhost'];
