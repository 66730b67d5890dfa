"""Tests of the lookup service, identity linking, and the situation summary/timeline."""
