import {
  addMessage,
  Http404,
  JsonResponse,
  loginRequired,
  MESSAGE_LEVELS,
  redirect,
  render,
  reverse,
  View,
  type HttpRequest,
  type HttpResponse,
} from 'managets';
import { BLOG_POSTS_PER_PAGE } from '../mysite/settings.js';
import { addComment, addPost, commentsOf, latestPosts, postBySlug, postsOfYear, type Post } from './store.js';

/** A function view: the newest posts. */
export function index(request: HttpRequest): HttpResponse {
  return render(request, 'blog/index.html', { posts: latestPosts(BLOG_POSTS_PER_PAGE), heading: 'Latest posts' });
}

/** `<int:year>` arrives as a number. */
export function archive(request: HttpRequest, { year }: { year: number }): HttpResponse {
  const posts = postsOfYear(year);
  if (posts.length === 0) throw new Http404(`No posts in ${year}`);
  return render(request, 'blog/index.html', { posts, heading: `Posts from ${year}` });
}

function postOr404(slug: string): Post {
  const post = postBySlug(slug);
  if (!post) throw new Http404(`No post is called “${slug}”`);
  return post;
}

/**
 * A class-based view: GET shows the post and its comments, POST adds a comment (the CSRF
 * middleware has checked the token by then), stores a flash message and redirects (POST → redirect
 * → GET, so a reload does not post twice).
 */
export class PostDetail extends View {
  get(request: HttpRequest, { slug }: { slug: string }): HttpResponse {
    return this.show(request, postOr404(slug), {}, {});
  }

  post(request: HttpRequest, { slug }: { slug: string }): HttpResponse {
    const post = postOr404(slug);
    const values = { author: (request.POST.get('author') ?? '').trim(), body: (request.POST.get('body') ?? '').trim() };
    const errors: Record<string, string> = {};
    if (!values.author) errors.author = 'Please give your name.';
    if (!values.body) errors.body = 'Please write a comment.';
    else if (values.body.length > 1000) errors.body = 'Keep it under 1000 characters.';
    if (Object.keys(errors).length > 0) return this.show(request, post, values, errors);
    addComment(post, values.author, values.body);
    addMessage(request, MESSAGE_LEVELS.SUCCESS, `Thanks, ${values.author}! Your comment is posted.`);
    return redirect('blog:post-detail', { kwargs: { slug } });
  }

  private show(request: HttpRequest, post: Post, values: Record<string, string>, errors: Record<string, string>): HttpResponse {
    return render(request, 'blog/detail.html', { post, comments: commentsOf(post), values, errors });
  }
}

/** Writing a post needs a logged-in user: anyone else is sent to LOGIN_URL with `?next=`. */
export const newPost = loginRequired((request: HttpRequest): HttpResponse => {
  const values = { title: '', summary: '', body: '' };
  const errors: Record<string, string> = {};
  if (request.method === 'POST') {
    for (const field of ['title', 'summary', 'body'] as const) {
      values[field] = (request.POST.get(field) ?? '').trim();
      if (!values[field]) errors[field] = 'This field is required.';
    }
    if (Object.keys(errors).length === 0) {
      const slug = addPost(request.user.id!, values);
      addMessage(request, MESSAGE_LEVELS.SUCCESS, `Published “${values.title}”.`);
      return redirect('blog:post-detail', { kwargs: { slug } });
    }
  }
  return render(request, 'blog/new.html', { title: 'New post', values, errors });
});

/** The JSON API: the latest posts, each with the absolute URL of its page. */
export function apiPosts(request: HttpRequest): JsonResponse {
  return new JsonResponse({
    posts: latestPosts(100).map(({ id, slug, title, summary, published, author }) => ({
      id,
      slug,
      title,
      summary,
      published,
      author,
      url: request.buildAbsoluteUri(reverse('blog:post-detail', { kwargs: { slug } })),
    })),
  });
}

/** One post as JSON, with its comments. */
export function apiPost(_request: HttpRequest, { slug }: { slug: string }): JsonResponse {
  const post = postOr404(slug);
  return new JsonResponse({ ...post, comments: commentsOf(post) });
}
