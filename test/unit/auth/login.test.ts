/**
 * managets.contrib.auth over real HTTP: AuthenticationMiddleware, loginRequired and its mixin,
 * LoginView/LogoutView with their default templates, and the session auth hash, on a migrated
 * SQLite file in a temp dir.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildSettings } from '../../../src/conf/load.js';
import { ModuleLoader } from '../../../src/conf/modules.js';
import { AuthenticationMiddleware } from '../../../src/contrib/auth/middleware.js';
import { createUser, getUserByUsername, setPassword } from '../../../src/contrib/auth/models.js';
import { loginRequired, LoginRequiredMixin } from '../../../src/contrib/auth/decorators.js';
import { authUrls } from '../../../src/contrib/auth/urls.js';
import { Databases } from '../../../src/db/databases.js';
import type { HttpRequest } from '../../../src/http/request.js';
import { HttpResponse } from '../../../src/http/response.js';
import { CsrfViewMiddleware, SessionMiddleware } from '../../../src/middleware/index.js';
import { include, path as route } from '../../../src/urls/conf.js';
import { View } from '../../../src/views/generic.js';
import { closeAll, cookiesOf, serve, type Reply, type TestServer } from '../../helpers/app-server.js';
import { applyMigrations } from '../../helpers/db-project.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'managets-auth-'));
const DATABASES = { default: { ENGINE: 'sqlite', NAME: path.join(dir, 'db.sqlite3') } };
let server: TestServer;
let databases: Databases;

const whoami = (request: HttpRequest) => new HttpResponse(request.user.isAuthenticated ? `hello ${request.user.username}` : 'anonymous');

class Secret extends LoginRequiredMixin(View) {
  get(request: HttpRequest) {
    return new HttpResponse(`class view for ${request.user.username}`);
  }
}

before(async () => {
  const settings = buildSettings({ INSTALLED_APPS: ['managets.contrib.auth'], DATABASES, BASE_DIR: dir }, { name: 't', file: path.join(dir, 's.ts'), baseDir: dir });
  databases = new Databases(settings);
  await applyMigrations(settings, new ModuleLoader({ baseDir: dir }), databases);
  await createUser(databases.get(), { username: 'alice', password: 'correct horse battery' });
  await createUser(databases.get(), { username: 'mallory', password: 'correct horse battery' });
  databases.get().run("UPDATE auth_user SET is_active = 0 WHERE username = 'mallory'");
  server = await serve(
    {
      DEBUG: true,
      INSTALLED_APPS: ['managets.contrib.auth'],
      DATABASES,
      MIDDLEWARE: [SessionMiddleware, CsrfViewMiddleware, AuthenticationMiddleware],
      TEMPLATES: [{ APP_DIRS: true }],
      LOGIN_REDIRECT_URL: '/me/',
    },
    {
      urlpatterns: [
        route('me/', whoami),
        route('private/', loginRequired(whoami)),
        route('elsewhere/', loginRequired(whoami, { loginUrl: 'https://sso.example/login', redirectFieldName: 'to' })),
        route('secret/', Secret.asView()),
        route('accounts/', include(authUrls)),
      ],
    },
  );
});
after(async () => {
  await closeAll();
  databases.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A browser of sorts: keeps cookies and sends the CSRF token with POSTs. */
class Browser {
  cookies: Record<string, string> = {};
  async get(url: string): Promise<Reply> {
    return this.#keep(await server.request(url, { headers: { cookie: this.#cookie() } }));
  }
  async post(url: string, form: Record<string, string>): Promise<Reply> {
    if (!this.cookies.csrftoken) await this.get('/accounts/login/');
    const body = new URLSearchParams({ ...form, csrfmiddlewaretoken: this.cookies.csrftoken! }).toString();
    const headers = { cookie: this.#cookie(), 'content-type': 'application/x-www-form-urlencoded', referer: `${server.url}/` };
    return this.#keep(await server.request(url, { method: 'POST', body, headers }));
  }
  #cookie(): string {
    return Object.entries(this.cookies).map(([name, value]) => `${name}=${value}`).join('; ');
  }
  #keep(reply: Reply): Reply {
    for (const [name, value] of Object.entries(cookiesOf(reply))) {
      if (value === '') delete this.cookies[name];
      else this.cookies[name] = value;
    }
    return reply;
  }
}

describe('login and logout', () => {
  it('gives anonymous users an AnonymousUser and sends them to LOGIN_URL with next', async () => {
    const browser = new Browser();
    assert.equal((await browser.get('/me/')).body, 'anonymous');
    const private_ = await browser.get('/private/?page=2');
    assert.equal(private_.status, 302);
    assert.equal(private_.headers.location, '/accounts/login/?next=/private/%3Fpage%3D2');
    const elsewhere = await browser.get('/elsewhere/');
    assert.equal(elsewhere.headers.location, `https://sso.example/login?to=${encodeURIComponent(`${server.url}/elsewhere/`).replace(/%2F/g, '/')}`);
    const secret = await browser.get('/secret/');
    assert.equal(secret.headers.location, '/accounts/login/?next=/secret/');
  });

  it('shows the login form, refuses wrong or inactive credentials, and logs in to next', async () => {
    const browser = new Browser();
    const form = await browser.get('/accounts/login/?next=/secret/');
    assert.equal(form.status, 200);
    assert.match(form.body, /<title>Log in<\/title>/);
    assert.match(form.body, /<input type="hidden" name="csrfmiddlewaretoken" value="[A-Za-z0-9]{64}">/);
    assert.match(form.body, /<input type="hidden" name="next" value="\/secret\/">/);
    assert.equal(form.headers['cache-control'], 'max-age=0, no-cache, no-store, must-revalidate, private');

    for (const credentials of [{ username: 'alice', password: 'wrong' }, { username: 'nobody', password: 'x' }, { username: 'mallory', password: 'correct horse battery' }]) {
      const refused = await browser.post('/accounts/login/', { ...credentials, next: '/secret/' });
      assert.equal(refused.status, 200);
      assert.match(refused.body, /Please enter a correct username and password\. Note that both fields may be case-sensitive\./);
      assert.match(refused.body, new RegExp(`name="username" id="id_username" value="${credentials.username}"`));
    }
    const sessionBefore = browser.cookies.sessionid;
    const csrfBefore = browser.cookies.csrftoken;
    const ok = await browser.post('/accounts/login/', { username: 'alice', password: 'correct horse battery', next: '/secret/' });
    assert.equal(ok.status, 302);
    assert.equal(ok.headers.location, '/secret/');
    assert.notEqual(browser.cookies.sessionid, sessionBefore);
    assert.notEqual(browser.cookies.csrftoken, csrfBefore, 'login rotates the CSRF token');
    assert.equal((await browser.get('/secret/')).body, 'class view for alice');
    assert.equal((await browser.get('/private/')).body, 'hello alice');
    assert.ok(getUserByUsername(databases.get(), 'alice')!.lastLogin instanceof Date);

    const out = await browser.post('/accounts/logout/', {});
    assert.equal(out.status, 200);
    assert.match(out.body, /<h1>Logged out<\/h1>/);
    assert.equal((await browser.get('/me/')).body, 'anonymous');
    assert.equal((await browser.get('/accounts/logout/')).status, 405, 'logging out takes a POST');
  });

  it('sends a login without a safe next to LOGIN_REDIRECT_URL', async () => {
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example/', 'javascript:alert(1)', '']) {
      const browser = new Browser();
      const reply = await browser.post('/accounts/login/', { username: 'alice', password: 'correct horse battery', next });
      assert.equal(reply.headers.location, '/me/', next);
    }
    const browser = new Browser();
    const same = await browser.post('/accounts/login/', { username: 'alice', password: 'correct horse battery', next: `${server.url}/private/` });
    assert.equal(same.headers.location, `${server.url}/private/`, 'an absolute URL to this host is fine');
  });

  it('logs a session out when the password changes', async () => {
    const browser = new Browser();
    await browser.post('/accounts/login/', { username: 'alice', password: 'correct horse battery' });
    assert.equal((await browser.get('/me/')).body, 'hello alice');
    const alice = getUserByUsername(databases.get(), 'alice')!;
    await setPassword(databases.get(), alice, 'a brand new passphrase');
    assert.equal((await browser.get('/me/')).body, 'anonymous');
    await setPassword(databases.get(), getUserByUsername(databases.get(), 'alice')!, 'correct horse battery');
  });
});
