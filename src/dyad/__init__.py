"""dyad: news about international relations turned into evidence-linked event data."""
__version__ = "0.1.0"
