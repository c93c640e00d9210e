// Baseline: Express 5, default settings (ETag included), GET / -> `hello`.
import express from 'express';

const app = express();
app.get('/', (_req, res) => {
  res.type('text/plain').send('hello');
});
app.listen(Number(process.env.PORT), '127.0.0.1');
