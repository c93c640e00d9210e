/**
 * The blog's queries, in one place: views call these, never SQL. The tables come from
 * blog/migrations/ (`manage migrate`); db() is the project's SQLite database (DATABASES).
 */
import { db } from 'managets';

export interface Post {
  id: number;
  slug: string;
  title: string;
  summary: string;
  body: string;
  published: string;
  /** The author's username; null for the posts the data migration wrote. */
  author: string | null;
}

export interface Comment {
  id: number;
  author: string;
  body: string;
  created: string;
}

const SELECT_POSTS = `
  SELECT p.id, p.slug, p.title, p.summary, p.body, p.published, u.username AS author
  FROM blog_post p LEFT JOIN auth_user u ON u.id = p.author_id`;

export function latestPosts(limit: number): Post[] {
  return db().query<Post>(`${SELECT_POSTS} ORDER BY p.published DESC, p.id DESC LIMIT ?`, [limit]);
}

export function postsOfYear(year: number): Post[] {
  return db().query<Post>(`${SELECT_POSTS} WHERE p.published LIKE ? ORDER BY p.published DESC, p.id DESC`, [`${year}-%`]);
}

export function postBySlug(slug: string): Post | undefined {
  return db().get<Post>(`${SELECT_POSTS} WHERE p.slug = ?`, [slug]);
}

/** Saves a new post under a slug made from its title (made unique with -2, -3...); returns the slug. */
export function addPost(authorId: number, fields: { title: string; summary: string; body: string }): string {
  const base = fields.title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'post';
  return db().transaction(() => {
    let slug = base;
    for (let n = 2; db().get('SELECT 1 FROM blog_post WHERE slug = ?', [slug]); n++) slug = `${base}-${n}`;
    const published = new Date().toISOString().slice(0, 10);
    db().run('INSERT INTO blog_post (slug, title, summary, body, published, author_id) VALUES (?, ?, ?, ?, ?, ?)', [
      slug,
      fields.title,
      fields.summary,
      fields.body,
      published,
      authorId,
    ]);
    return slug;
  });
}

export function commentsOf(post: Post): Comment[] {
  return db().query<Comment>('SELECT id, author, body, created FROM blog_comment WHERE post_id = ? ORDER BY id', [post.id]);
}

export function addComment(post: Post, author: string, body: string): void {
  db().run('INSERT INTO blog_comment (post_id, author, body, created) VALUES (?, ?, ?, ?)', [post.id, author, body, new Date().toISOString()]);
}
