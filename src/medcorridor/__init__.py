"""medcorridor: an open platform for international healthcare cooperation."""

__version__ = "0.1.0"
