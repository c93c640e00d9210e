/** security.*: Django's host and deployment checks (the W0xx ids match Django's). */
import { Error, Warning, type CheckMessage } from '../messages.js';
import type { CheckContext } from '../context.js';

const INSECURE_PREFIX = 'managets-insecure-';
const MIN_KEY_LENGTH = 50;
const MIN_KEY_UNIQUE = 5;

/** security.W020: with DEBUG off, an empty ALLOWED_HOSTS rejects every request. */
export function checkAllowedHosts({ settings }: CheckContext): CheckMessage[] {
  if (settings.DEBUG || !Array.isArray(settings.ALLOWED_HOSTS) || settings.ALLOWED_HOSTS.length > 0) return [];
  return [Warning('ALLOWED_HOSTS must not be empty in deployment.', { id: 'security.W020' })];
}

/** security.W018 (deploy): DEBUG must be off. */
export function checkDebug({ settings }: CheckContext): CheckMessage[] {
  return settings.DEBUG === true ? [Warning('You should not have DEBUG set to True in deployment.', { id: 'security.W018' })] : [];
}

/** security.W009 (deploy): SECRET_KEY long, varied and not the scaffolded placeholder. */
export function checkSecretKey({ settings }: CheckContext): CheckMessage[] {
  const key = typeof settings.SECRET_KEY === 'string' ? settings.SECRET_KEY : '';
  if (!key) return [Error('The SECRET_KEY setting must not be empty.', { id: 'security.E100' })];
  const weak = key.length < MIN_KEY_LENGTH || new Set(key).size < MIN_KEY_UNIQUE || key.startsWith(INSECURE_PREFIX);
  if (!weak) return [];
  return [
    Warning(
      `Your SECRET_KEY has less than ${MIN_KEY_LENGTH} characters, less than ${MIN_KEY_UNIQUE} unique characters, ` +
        `or it's prefixed with '${INSECURE_PREFIX}' indicating that it was generated automatically by managets. ` +
        `Please generate a long and random value, otherwise many of managets's security-critical features will be vulnerable to attack.`,
      { id: 'security.W009' },
    ),
  ];
}
