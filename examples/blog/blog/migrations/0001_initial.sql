-- The blog's tables. `manage migrate` applies this once and records it in managets_migrations.
-- migrate:depends auth.0001_initial
CREATE TABLE blog_post (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    slug TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body TEXT NOT NULL,
    published TEXT NOT NULL,
    author_id INTEGER REFERENCES auth_user (id)
);
CREATE TABLE blog_comment (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id INTEGER NOT NULL REFERENCES blog_post (id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE INDEX blog_comment_post_id ON blog_comment (post_id);
-- migrate:down
DROP TABLE blog_comment;
DROP TABLE blog_post;
