"""Server-rendered pages, split by area. Views are thin: selectors read, services write."""
