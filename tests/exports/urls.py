"""The site's URLs with the open-data downloads, whether or not config/urls.py includes them
yet (tests use it with ``pytest.mark.urls``)."""

from django.urls import include, path

from config.urls import urlpatterns as site

urlpatterns = list(site)
if not any(getattr(p, "namespace", None) == "data" for p in site):
    urlpatterns.append(path("data/", include("silkroutes.exports.data_urls")))
