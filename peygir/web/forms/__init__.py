"""Forms of the web pages: they parse what people type; services decide what is allowed."""
