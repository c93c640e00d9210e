// Baseline: Express 5, default settings (ETag included), GET / -> `hello`, GET /hello/:name -> the template page.
import express from 'express';
import { renderPage } from './page.mjs';

const app = express();
app.get('/', (_req, res) => {
  res.type('text/plain').send('hello');
});
app.get('/hello/:name', (req, res) => {
  res.type('html').send(renderPage(req.params.name));
});
app.listen(Number(process.env.PORT), '127.0.0.1');
