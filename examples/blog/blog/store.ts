/**
 * The blog's data: posts and their comments. Kept in memory for now (the database layer replaces
 * this module); views only use these functions, so the storage can change underneath them.
 */
export interface Post {
  id: number;
  slug: string;
  title: string;
  summary: string;
  body: string;
  published: string;
}

export interface Comment {
  id: number;
  postId: number;
  author: string;
  body: string;
  created: string;
}

export interface PostStore {
  posts(): Post[];
  postsOfYear(year: number): Post[];
  post(slug: string): Post | undefined;
  comments(postId: number): Comment[];
  addComment(postId: number, author: string, body: string): Comment;
}

const SEED: Post[] = [
  {
    id: 1,
    slug: 'hello-managets',
    title: 'Hello, managets',
    summary: 'Django’s runserver experience, in TypeScript.',
    body: 'This blog is served by manage runserver. Its settings, URLs, views and templates are plain TypeScript and eta files, loaded without a build step.\n\nEdit any of them while the server runs: the reloader swaps in a fresh app and this page refreshes itself.',
    published: '2026-01-12',
  },
  {
    id: 2,
    slug: 'templates-and-static-files',
    title: 'Templates and static files',
    summary: 'A layout, partials, context processors and a stylesheet.',
    body: 'Every page extends templates/base.html through eta’s layout(). The navigation and the flash messages are partials, and the site title comes from a context processor.\n\nThe stylesheet is found by the static files finders and revalidated by the browser on every load.',
    published: '2026-02-03',
  },
  {
    id: 3,
    slug: 'forms-csrf-and-sessions',
    title: 'Forms, CSRF and sessions',
    summary: 'Post a comment: CSRF-protected, then a flash message after the redirect.',
    body: 'The comment form below carries a CSRF token. A valid comment is saved, a flash message is stored in the session and the browser is redirected back here, where the message shows once.',
    published: '2025-11-20',
  },
];

/** A fresh store holding the seed posts. */
export function memoryStore(): PostStore {
  const posts = SEED.map((post) => ({ ...post }));
  const comments: Comment[] = [];
  const newestFirst = (list: Post[]) => [...list].sort((a, b) => b.published.localeCompare(a.published));
  return {
    posts: () => newestFirst(posts),
    postsOfYear: (year) => newestFirst(posts.filter((post) => post.published.startsWith(`${year}-`))),
    post: (slug) => posts.find((post) => post.slug === slug),
    comments: (postId) => comments.filter((comment) => comment.postId === postId),
    addComment(postId, author, body) {
      const comment = { id: comments.length + 1, postId, author, body, created: new Date().toISOString() };
      comments.push(comment);
      return comment;
    },
  };
}
