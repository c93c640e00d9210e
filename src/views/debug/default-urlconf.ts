/** The "install worked" page Django shows in DEBUG while the URLconf has no patterns yet. */
import { HttpResponse } from '../../http/response.js';
import { html } from '../../http/html.js';
import { debugPage } from './page.js';

export function defaultUrlconfResponse(): HttpResponse {
  const body = debugPage({
    title: 'The install worked successfully! Congratulations!',
    tone: 'notfound',
    summary: html`<h1>The install worked successfully! Congratulations!</h1>`,
    main: html`<div class="card"><div class="body"><p>You are seeing this page because <a href="https://docs.djangoproject.com/en/stable/ref/settings/#debug" target="_blank" rel="noopener">DEBUG=True</a> is in your settings file and you have not configured any URLs.</p>
<p>Add a pattern to <code>urlpatterns</code> in your ROOT_URLCONF module to replace this page.</p></div></div>`,
    explanation: html`managets development server`,
  });
  return new HttpResponse(body, { contentType: 'text/html; charset=utf-8' });
}
