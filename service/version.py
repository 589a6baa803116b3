"""The installed version of congvan."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def package_version() -> str:
    """``0.1.0``, or ``unknown`` when congvan runs without being installed."""
    try:
        return version("congvan")
    except PackageNotFoundError:
        return "unknown"
