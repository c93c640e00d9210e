// The bench's managets project: the default middleware stack, one view answering GET /.
export const DEBUG = true;
export const SECRET_KEY = 'bench-reload-secret-key-long-enough-to-pass-the-checks-0123456789';
export const ALLOWED_HOSTS = ['127.0.0.1', 'localhost'];
export const ROOT_URLCONF = 'site.urls';
export const MIDDLEWARE = [
  'managets.middleware.SecurityMiddleware',
  'managets.middleware.SessionMiddleware',
  'managets.middleware.CommonMiddleware',
  'managets.middleware.CsrfViewMiddleware',
  'managets.middleware.XFrameOptionsMiddleware',
];
