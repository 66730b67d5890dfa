"""Process-level helpers of the composition root (no Qt)."""
