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
}

export interface Comment {
  id: number;
  author: string;
  body: string;
  created: string;
}

const POST_COLUMNS = 'id, slug, title, summary, body, published';

export function latestPosts(limit: number): Post[] {
  return db().query<Post>(`SELECT ${POST_COLUMNS} FROM blog_post ORDER BY published DESC LIMIT ?`, [limit]);
}

export function postsOfYear(year: number): Post[] {
  return db().query<Post>(`SELECT ${POST_COLUMNS} FROM blog_post WHERE published LIKE ? ORDER BY published DESC`, [`${year}-%`]);
}

export function postBySlug(slug: string): Post | undefined {
  return db().get<Post>(`SELECT ${POST_COLUMNS} FROM blog_post WHERE slug = ?`, [slug]);
}

export function commentsOf(post: Post): Comment[] {
  return db().query<Comment>('SELECT id, author, body, created FROM blog_comment WHERE post_id = ? ORDER BY id', [post.id]);
}

export function addComment(post: Post, author: string, body: string): void {
  db().run('INSERT INTO blog_comment (post_id, author, body, created) VALUES (?, ?, ?, ?)', [post.id, author, body, new Date().toISOString()]);
}
