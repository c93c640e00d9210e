import { HttpResponse, TemplateView, type HttpRequest, type ViewKwargs } from 'managets';

/** A TemplateView with its own context: the list of things to try on this site. */
export class Tour extends TemplateView {
  override templateName = 'pages/tour.html';

  override getContextData(kwargs: ViewKwargs) {
    return { ...super.getContextData(kwargs), title: 'Tour', sessionVisits: this.countVisit() };
  }

  /** Sessions: a counter kept in the signed session cookie. */
  private countVisit(): number {
    const visits = this.request.session.get('tourVisits', 0) + 1;
    this.request.session.set('tourVisits', visits);
    return visits;
  }
}

/** Fails on purpose, to show the debug 500 page (DEBUG on) or templates/500.html (DEBUG off). */
export function broken(_request: HttpRequest): HttpResponse {
  const theme: { colour?: { name: string } } = {};
  return new HttpResponse(`The theme colour is ${theme.colour!.name}`); // TypeError: colour is undefined
}
