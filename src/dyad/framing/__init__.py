"""Framing: loaded language with propaganda techniques, and tone toward each country (stage.py)."""
from .stage import Framing

__all__ = ["Framing"]
