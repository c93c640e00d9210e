import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, it } from 'node:test';
import { HttpResponse } from '../../../src/http/response.js';
import { insertBeforeBodyEnd, LiveReloadHub, LIVE_RELOAD_EVENTS_PATH, LIVE_RELOAD_SCRIPT_PATH } from '../../../src/reloader/live-reload.js';

describe('insertBeforeBodyEnd', () => {
  it('inserts before the last </body>, case-insensitively', () => {
    assert.equal(insertBeforeBodyEnd('<p></body>x</BODY>', '<s>'), '<p></body>x<s></BODY>');
    assert.equal(insertBeforeBodyEnd('<p>no body end</p>', '<s>'), undefined);
  });
});

describe('LiveReloadHub.inject', () => {
  const hub = new LiveReloadHub(7);

  it('adds the script to HTML and fixes Content-Length', () => {
    const response = new HttpResponse('<html><body>hi</body></html>', { headers: { 'Content-Length': 28 } });
    hub.inject(response);
    assert.match(response.text, /hi<script src="\/__managets__\/live-reload\.js" data-version="7\.0" defer><\/script><\/body>/);
    assert.equal(response.headers.get('Content-Length'), String(response.content.length));
  });

  it('leaves other responses alone', () => {
    const json = new HttpResponse('{"a":"</body>"}', { contentType: 'application/json' });
    hub.inject(json);
    assert.equal(json.text, '{"a":"</body>"}');
    const gzipped = new HttpResponse('<body></body>', { headers: { 'Content-Encoding': 'gzip' } });
    hub.inject(gzipped);
    assert.equal(gzipped.text, '<body></body>');
  });
});

describe('LiveReloadHub over HTTP', () => {
  const hub = new LiveReloadHub(3);
  const server = http.createServer((req, res) => {
    if (!hub.handle(req, res)) res.end('app');
  });
  after(() => {
    hub.closeAll();
    server.close();
  });

  async function listen(): Promise<number> {
    if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  }

  /** Collects the raw event stream until `count` events arrived. */
  function events(port: number, count: number): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const seen: string[] = [];
      const req = http.get({ port, host: '127.0.0.1', path: LIVE_RELOAD_EVENTS_PATH }, (res) => {
        assert.equal(res.headers['content-type'], 'text/event-stream');
        let buffer = '';
        res.on('data', (chunk: Buffer) => {
          buffer += chunk.toString();
          let at;
          while ((at = buffer.indexOf('\n\n')) !== -1) {
            seen.push(buffer.slice(0, at));
            buffer = buffer.slice(at + 2);
            if (seen.length === count) {
              req.destroy();
              resolve(seen);
            }
          }
        });
      });
      req.on('error', (error) => (seen.length === count ? undefined : reject(error)));
    });
  }

  it('serves the client script and passes other URLs through', async () => {
    const port = await listen();
    const script = await fetch(`http://127.0.0.1:${port}${LIVE_RELOAD_SCRIPT_PATH}`);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /javascript/);
    assert.match(await script.text(), /EventSource/);
    assert.equal(await (await fetch(`http://127.0.0.1:${port}/other`)).text(), 'app');
  });

  it('greets with the version, then pushes reload and css events with new versions', async () => {
    const port = await listen();
    const stream = events(port, 3);
    while (hub.clientCount === 0) await new Promise((r) => setTimeout(r, 5));
    hub.reload();
    hub.swapStylesheets();
    assert.deepEqual(await stream, ['event: hello\ndata: 3.0', 'event: reload\ndata: 3.1', 'event: css\ndata: 3.2']);
  });
});

describe('LiveReloadHub while draining', () => {
  it('refuses new streams with 503 and Connection: close, so the retry reaches the next child', async () => {
    const hub = new LiveReloadHub(1);
    const server = http.createServer((req, res) => {
      if (!hub.handle(req, res)) res.end('app');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      hub.closeAll();
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}${LIVE_RELOAD_EVENTS_PATH}`);
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('connection'), 'close');
      assert.equal(hub.clientCount, 0);
    } finally {
      server.close();
    }
  });
});
