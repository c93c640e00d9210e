import { checks, type AppConfigInit } from 'managets';

/** The blog's app config: a system check on its own settings, run by `manage check` and runserver. */
const config: AppConfigInit = {
  verboseName: 'Blog',
  checks: [
    {
      tags: ['blog'],
      check: ({ settings }) => {
        const perPage = (settings as { BLOG_POSTS_PER_PAGE?: unknown }).BLOG_POSTS_PER_PAGE;
        if (Number.isInteger(perPage) && (perPage as number) > 0) return [];
        return [
          checks.Error('BLOG_POSTS_PER_PAGE must be a positive integer.', {
            hint: 'Set BLOG_POSTS_PER_PAGE = 5 in mysite/settings.ts.',
            id: 'blog.E001',
            obj: 'blog',
          }),
        ];
      },
    },
  ],
};
export default config;
