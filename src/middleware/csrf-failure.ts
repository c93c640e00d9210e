/**
 * Django's default CSRF_FAILURE_VIEW: a 403 page naming the failure; with DEBUG a help section
 * gives the reason and the usual fixes. The reason texts are CsrfViewMiddleware's.
 */
import type { HttpRequest } from '../http/request.js';
import { HttpResponseForbidden } from '../http/response.js';
import { html, trusted } from '../http/html.js';

export const REASON_NO_REFERER = 'Referer checking failed - no Referer.';
export const REASON_NO_CSRF_COOKIE = 'CSRF cookie not set.';

const STYLE = trusted(`
    html * { padding:0; margin:0; }
    body * { padding:10px 20px; }
    body * * { padding:0; }
    body { font:small sans-serif; background:#eee; color:#000; }
    body>div { border-bottom:1px solid #ddd; }
    h1 { font-weight:normal; margin-bottom:.4em; }
    h1 span { font-size:60%; color:#666; font-weight:normal; }
    #info { background:#f6f6f6; }
    #info ul { margin: 0.5em 4em; }
    #info p, #summary p { padding-top:10px; }
    #summary { background: #ffc; }
    #explanation { background:#eee; border-bottom: 0px none; }`);

export function csrfFailureView(debug: boolean) {
  return function csrfFailure(_request: HttpRequest, { reason = '' }: { reason?: string } = {}): HttpResponseForbidden {
    const noReferer = reason === REASON_NO_REFERER
      ? html`
  <p>You are seeing this message because this HTTPS site requires a “Referer header” to be sent by your web browser, but none was sent. This header is required for security reasons, to ensure that your browser is not being hijacked by third parties.</p>
  <p>If you have configured your browser to disable “Referer” headers, please re-enable them, at least for this site, or for HTTPS connections, or for “same-origin” requests.</p>
  <p>${'If you are using the <meta name="referrer" content="no-referrer"> tag or including the “Referrer-Policy: no-referrer” header, please remove them. The CSRF protection requires the “Referer” header to do strict referer checking. If you’re concerned about privacy, use alternatives like <a rel="noreferrer" …> for links to third-party sites.'}</p>`
      : '';
    const noCookie = reason === REASON_NO_CSRF_COOKIE
      ? html`
  <p>You are seeing this message because this site requires a CSRF cookie when submitting forms. This cookie is required for security reasons, to ensure that your browser is not being hijacked by third parties.</p>
  <p>If you have configured your browser to disable cookies, please re-enable them, at least for this site, or for “same-origin” requests.</p>`
      : '';
    const help = debug
      ? html`<div id="info">
  <h2>Help</h2>
  ${reason ? html`<p>Reason given for failure:</p>
    <pre>
    ${reason}
    </pre>` : ''}
  <p>In general, this can occur when there is a genuine Cross Site Request Forgery, or when the CSRF mechanism has not been used correctly. For POST forms, you need to ensure:</p>
  <ul>
    <li>Your browser is accepting cookies.</li>
    <li>The view function passes a <code>request</code> to the template’s <code>render</code> method.</li>
    <li>In the template, there is a hidden <code>csrfmiddlewaretoken</code> input holding the request’s CSRF token inside each POST form that targets an internal URL.</li>
    <li>If you are not using <code>CsrfViewMiddleware</code>, then you must protect every view that uses the CSRF token and accepts POST data yourself.</li>
    <li>The form has a valid CSRF token. After logging in in another browser tab or hitting the back button after a login, you may need to reload the page with the form, because the token is rotated after a login.</li>
  </ul>
  <p>You’re seeing the help section of this page because you have <code>DEBUG = True</code> in your settings file. Change that to <code>False</code>, and only the initial error message will be displayed.</p>
  <p>You can customize this page using the CSRF_FAILURE_VIEW setting.</p>
</div>`
      : html`<div id="explanation">
  <p><small>More information is available with DEBUG=True.</small></p>
</div>`;
    const body = html`<!DOCTYPE html>
<html lang="en">
<head>
  <meta http-equiv="content-type" content="text/html; charset=utf-8">
  <meta name="robots" content="NONE,NOARCHIVE">
  <title>403 Forbidden</title>
  <style>${STYLE}</style>
</head>
<body>
<div id="summary">
  <h1>Forbidden <span>(403)</span></h1>
  <p>CSRF verification failed. Request aborted.</p>${noReferer}${noCookie}
</div>
${help}
</body>
</html>
`;
    return new HttpResponseForbidden(body.value, { contentType: 'text/html' });
  };
}
