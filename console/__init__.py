"""OnePane: one window for customer service."""

__version__ = "0.1.0"
