/** The root URLconf (ROOT_URLCONF): each app's URLs under its namespace, plus uploaded media. */
import { authUrls, include, path, staticPatterns } from 'managets';
import { DEBUG, MEDIA_ROOT, MEDIA_URL } from './settings.js';

export const urlpatterns = [
  path('', include('blog.urls')), // appName 'blog': url('blog:index')
  path('pages/', include('pages.urls', { namespace: 'pages' })),
  path('accounts/', include(authUrls)), // login/ and logout/ (managets.contrib.auth)
  ...staticPatterns(MEDIA_URL, { documentRoot: MEDIA_ROOT, debug: DEBUG }),
];
