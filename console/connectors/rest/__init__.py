"""Connectors for OnePane's own REST contract (resources/contract/openapi.yaml)."""
