/**
 * Request targets that try to leave a served root, and the texts that must never appear in an
 * answer to them. Shared by the static handler and the media view tests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DOT_SECRET, SECRET } from './static-tree.js';

const HOSTILE: readonly string[] = [
  // `..` raw, encoded, mixed case, partly encoded
  '/static/../secret.txt',
  '/static/../../secret.txt',
  '/static/css/../../secret.txt',
  '/static/..%2fsecret.txt',
  '/static/..%2Fsecret.txt',
  '/static/%2e%2e/secret.txt',
  '/static/%2E%2E/secret.txt',
  '/static/%2e%2e%2fsecret.txt',
  '/static/.%2e/secret.txt',
  '/static/%2e./secret.txt',
  '/static/css/..%2f..%2fsecret.txt',
  '/static/css/%2e%2e/%2e%2e/secret.txt',
  '/static/..',
  '/static/../',
  '/static/%2e%2e',
  // double encoding is decoded once only
  '/static/%252e%252e/secret.txt',
  '/static/%252e%252e%252fsecret.txt',
  '/static/..%252fsecret.txt',
  '/static/%25%32%65%25%32%65/secret.txt',
  // backslashes, raw and encoded
  '/static/..\\secret.txt',
  '/static/..%5csecret.txt',
  '/static/%5c..%5csecret.txt',
  '/static/%2e%2e%5c%2e%2e%5csecret.txt',
  '/static/css\\..\\..\\secret.txt',
  // NUL bytes
  '/static/%00',
  '/static/css/site.css%00.txt',
  '/static/%00../secret.txt',
  '/static/..%00/secret.txt',
  // absolute paths and /etc/passwd
  '/static//etc/passwd',
  '/static/%2fetc%2fpasswd',
  '/static/%2Fetc/passwd',
  '/static/../../../../../../../../etc/passwd',
  '/static/..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
  '/static/%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '/static/passwd',
  'http://127.0.0.1/static/../secret.txt',
  'http://127.0.0.1/static/%2e%2e/../etc/passwd',
  // dot-files and dot-dirs, however spelled
  '/static/.env',
  '/static/%2eenv',
  '/static/.hidden/x.css',
  '/static/%2ehidden/x.css',
  '/static/.',
  '/static/./.env',
  '/static/....//secret.txt',
  '/static/..;/secret.txt',
  '/static/..%0d%0a/secret.txt',
  // symlinks leaving the root, or pointing at a dot-file
  '/static/link-out.txt',
  '/static/link-prefix.txt',
  '/static/link-dir/secret.txt',
  '/static/link-dir/settings.ts',
  '/static/link-dir/assets/.env',
  '/static/link-dot.txt',
  '/static/js/app2.js',
  // malformed encodings and look-alikes
  '/static/%c0%ae%c0%ae/secret.txt',
  '/static/%e0%80%ae%e0%80%ae/secret.txt',
  '/static/%uff0e%uff0e/secret.txt',
  '/static/%ef%bc%8e%ef%bc%8e/secret.txt',
  '/static/%',
  '/static/%zz',
  '/static/..%c0%afsecret.txt',
  // directories
  '/static/',
  '/static/css',
  '/static/css/',
  '/static/link-dir',
];

/** The table with `/static/` replaced by another prefix (e.g. `/media/`). */
export function hostilePaths(prefix: string): string[] {
  return HOSTILE.map((target) => target.replace('/static/', prefix));
}

/** The secrets next to the root, the dot-file inside it, and the first line of /etc/passwd. */
export function forbiddenTexts(): string[] {
  const texts = [SECRET, DOT_SECRET];
  if (existsSync('/etc/passwd')) texts.push(readFileSync('/etc/passwd', 'utf8').split('\n')[0]!);
  return texts;
}
