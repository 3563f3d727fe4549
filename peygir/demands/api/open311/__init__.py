"""Open311 GeoReport v2 for citizens' demands; the choices made are in `views`."""
