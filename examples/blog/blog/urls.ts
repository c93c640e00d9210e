import { path } from 'managets';
import * as views from './views.js';

/** The app namespace: names here are reversed as `blog:<name>`. */
export const appName = 'blog';

export const urlpatterns = [
  path('', views.index, { name: 'index' }),
  path('posts/new/', views.newPost, { name: 'post-new' }),
  path('posts/<slug:slug>/', views.PostDetail.asView(), { name: 'post-detail' }),
  path('archive/<int:year>/', views.archive, { name: 'archive' }),
  path('api/posts/', views.apiPosts, { name: 'api-posts' }),
  path('api/posts/<slug:slug>/', views.apiPost, { name: 'api-post' }),
];
