/** Names of environment variables and fixed protocol values. Leaf module. */

/** Names the settings module (Django's DJANGO_SETTINGS_MODULE). */
export const SETTINGS_ENV = 'MANAGE_SETTINGS_MODULE';
/** Set to `true` in the reloader's child process (Django's RUN_MAIN). */
export const CHILD_ENV = 'MANAGE_RUN_MAIN';
/** `true` hides runserver's production warning. */
export const HIDE_WARNING_ENV = 'MANAGE_RUNSERVER_HIDE_WARNING';
/** `nocolor` turns off colour in children too (set by --no-color). */
export const COLORS_ENV = 'MANAGE_COLORS';
/** The directory dotted module names resolve against (set by --pythonpath). */
export const PYTHONPATH_ENV = 'MANAGE_PYTHONPATH';
/** A child exiting with this code asks its supervisor for a restart (Django's protocol). */
export const RESTART_EXIT_CODE = 3;
/** Set (to anything) to print reloader and startup phase timings on stderr. */
export const TRACE_ENV = 'MANAGE_TRACE_RELOAD';
/** Where the serving reloader child opens the inspector (set by a supervisor started with --inspect). */
export const INSPECT_ENV = 'MANAGE_INSPECT';
