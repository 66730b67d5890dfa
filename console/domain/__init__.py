"""Plain typed data and rules. No I/O, no Qt, no SQLAlchemy, nothing else of ours."""
