import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peygir.settings")
application = get_wsgi_application()

# What loading made (Django, the apps, their modules: some 170,000 objects) lives as long as the
# worker: moved out of the collector's reach, a full collection no longer walks it. Without this,
# every few search pages paid a 50 ms pause (docs/performance.md, "Collector pauses").
gc.collect()
gc.freeze()
