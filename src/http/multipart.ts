/**
 * multipart/form-data parsing of an already-limited body. File parts above the in-memory
 * threshold are written to temp files so views can move them instead of copying buffers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BadRequest } from './errors.js';

export interface UploadedFile {
  /** The form field name. */
  field: string;
  /** The client's file name, reduced to its base name. */
  name: string;
  contentType: string;
  size: number;
  /** The content when it was small enough to keep in memory. */
  content?: Buffer;
  /** The temp file holding the content when it was not. */
  tempPath?: string;
}

export interface MultipartResult {
  fields: Array<[string, string]>;
  files: UploadedFile[];
}

export function parseMultipart(body: Buffer, boundary: string | undefined, memoryThreshold: number): MultipartResult {
  if (!boundary || boundary.length > 200 || !/^[\w'()+,\-./:=? ]+$/.test(boundary)) {
    throw new BadRequest(`Invalid boundary in multipart: ${boundary === undefined ? 'None' : JSON.stringify(boundary)}`);
  }
  const delimiter = Buffer.from(`--${boundary}`);
  const fields: Array<[string, string]> = [];
  const files: UploadedFile[] = [];
  let start = body.indexOf(delimiter);
  if (start === -1) throw new BadRequest('Multipart body does not contain its boundary.');
  while (true) {
    start += delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) throw new BadRequest('Multipart body ended before its closing boundary.');
    // Each part is CRLF, headers, CRLF CRLF, content, CRLF.
    const part = body.subarray(start + 2, next - 2);
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) throw new BadRequest('Malformed multipart part: no header/body separator.');
    const headers = parsePartHeaders(part.subarray(0, split).toString('latin1'));
    const content = part.subarray(split + 4);
    const disposition = headers['content-disposition'] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (name === undefined) throw new BadRequest('Malformed multipart part: no field name.');
    const filename = /\bfilename="([^"]*)"/.exec(disposition)?.[1];
    if (filename === undefined) {
      fields.push([name, content.toString('utf8')]);
    } else if (filename !== '') {
      files.push(storeFile(name, filename, headers['content-type'] ?? 'application/octet-stream', content, memoryThreshold));
    }
    start = next;
  }
  return { fields, files };
}

function parsePartHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const cut = line.indexOf(':');
    if (cut > 0) headers[line.slice(0, cut).trim().toLowerCase()] = line.slice(cut + 1).trim();
  }
  return headers;
}

function storeFile(field: string, filename: string, contentType: string, content: Buffer, threshold: number): UploadedFile {
  const name = path.basename(filename.replace(/\\/g, '/'));
  const file: UploadedFile = { field, name, contentType, size: content.length };
  if (content.length <= threshold) return { ...file, content: Buffer.from(content) };
  const tempPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'managets-upload-')), 'upload');
  writeFileSync(tempPath, content);
  return { ...file, tempPath };
}
