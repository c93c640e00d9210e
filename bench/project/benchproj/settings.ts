// What `startproject` would write, trimmed to the hello-world view: DEBUG on, default middleware.
export const DEBUG = true;
export const SECRET_KEY = 'bench-project-not-secret-0123456789-0123456789-0123456789';
export const ALLOWED_HOSTS: string[] = [];
export const MIDDLEWARE = [
  'managets.middleware.SecurityMiddleware',
  'managets.middleware.SessionMiddleware',
  'managets.middleware.CommonMiddleware',
  'managets.middleware.CsrfViewMiddleware',
  'managets.middleware.XFrameOptionsMiddleware',
];
export const ROOT_URLCONF = 'benchproj.urls';
export const TEMPLATES = [{ DIRS: ['templates'] }];
