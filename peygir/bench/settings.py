"""Settings for the benchmark's server: the product's settings plus the bare view's URLconf.

The bare view exists only here (peygir.bench.urls), never in the production URLconf.
"""

from peygir.settings import *  # noqa: F403

ROOT_URLCONF = "peygir.bench.urls"
DEBUG = False
