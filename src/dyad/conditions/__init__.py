"""Conditions and signposts: conditional claims about a relationship (stage.py)."""
from .stage import Conditions

__all__ = ["Conditions"]
