"""Open311 GeoReport v2 for citizens' demands (issue 3 §7); the choices made are in `views`."""
