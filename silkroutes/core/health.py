from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness for load balancers, and the benchmark's "minimal Django view": it touches
    neither the database nor the cache."""
    return HttpResponse("ok", content_type="text/plain")
