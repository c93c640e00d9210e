/** A data migration in TypeScript: the first posts, so a fresh database has something to show. */
import type { Connection } from 'managets';

const POSTS = [
  {
    slug: 'hello-managets',
    title: 'Hello, managets',
    summary: 'Django’s runserver experience, in TypeScript.',
    body: 'This blog is served by manage runserver. Its settings, URLs, views and templates are plain TypeScript and eta files, loaded without a build step.\n\nEdit any of them while the server runs: the reloader swaps in a fresh app and this page refreshes itself.',
    published: '2026-01-12',
  },
  {
    slug: 'templates-and-static-files',
    title: 'Templates and static files',
    summary: 'A layout, partials, context processors and a stylesheet.',
    body: 'Every page extends templates/base.html through eta’s layout(). The navigation and the flash messages are partials, and the site title comes from a context processor.\n\nThe stylesheet is found by the static files finders and revalidated by the browser on every load.',
    published: '2026-02-03',
  },
  {
    slug: 'forms-csrf-and-sessions',
    title: 'Forms, CSRF and sessions',
    summary: 'Post a comment: CSRF-protected, then a flash message after the redirect.',
    body: 'The comment form below carries a CSRF token. A valid comment is saved in SQLite, a flash message is stored in the session and the browser is redirected back here, where the message shows once.',
    published: '2025-11-20',
  },
];

export function up(db: Connection): void {
  for (const post of POSTS) {
    db.run('INSERT INTO blog_post (slug, title, summary, body, published) VALUES (@slug, @title, @summary, @body, @published)', post);
  }
}

export function down(db: Connection): void {
  db.run(`DELETE FROM blog_post WHERE slug IN (${POSTS.map(() => '?').join(', ')})`, POSTS.map((post) => post.slug));
}
