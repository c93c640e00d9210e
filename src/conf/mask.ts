/**
 * Django's SafeExceptionReporterFilter rule: names that look secret are shown as 20 asterisks,
 * in diffsettings and on the debug pages.
 */
export const MASK = '********************';
const SECRET_NAME = /API|AUTH|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** Masks secret-looking keys at any depth of plain objects (lists are walked, not matched). */
export function maskSecrets(value: unknown, key = ''): unknown {
  if (key && isSecretName(key)) return MASK;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item));
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  return value;
}

/** A readable one-line rendering of a setting value (functions by name, RegExps as literals). */
export function formatSettingValue(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'function') return `[function ${v.name || 'anonymous'}]`;
    if (v instanceof RegExp) return String(v);
    if (v === undefined) return null;
    return v;
  }) ?? 'undefined';
}
