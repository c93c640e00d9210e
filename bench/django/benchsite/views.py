from django.http import HttpResponse
from django.shortcuts import render

BODY = 'hello'
ITEMS = [{'label': f'item {i}', 'value': i * i} for i in range(10)]


def index(request):
    return HttpResponse(BODY, content_type='text/plain; charset=utf-8')


def hello(request, name):
    return render(request, 'page.html', {'name': name, 'items': ITEMS})
