"""coder: a qualitative text-coding workbench built around Tjora's SDI method."""

__version__ = "0.1.0"
