/**
 * File extension → Content-Type for the types a web project serves in development. Text types
 * get `charset=utf-8` so browsers never guess the encoding of CSS, JS or HTML.
 */
import path from 'node:path';

const TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html',
  '.htm': 'text/html',
  '.css': 'text/css',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.cjs': 'text/javascript',
  '.map': 'application/json',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain',
  '.md': 'text/markdown',
  '.csv': 'text/csv',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/vnd.microsoft.icon',
  '.bmp': 'image/bmp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.eot': 'application/vnd.ms-fontobject',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.gz': 'application/gzip',
  '.tar': 'application/x-tar',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
});

/** Types that are text although not `text/*`. */
const TEXT_LIKE = new Set(['application/json', 'application/manifest+json', 'application/xml', 'image/svg+xml']);

export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** The Content-Type header value for a file name (case-insensitive extension). */
export function contentTypeFor(fileName: string): string {
  const type = TYPES[path.extname(fileName).toLowerCase()] ?? DEFAULT_CONTENT_TYPE;
  return type.startsWith('text/') || TEXT_LIKE.has(type) ? `${type}; charset=utf-8` : type;
}
