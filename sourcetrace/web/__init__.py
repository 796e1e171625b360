"""The newsroom web app served by ``sourcetrace serve``: pages in ``pages.py``, templates, one stylesheet."""

from __future__ import annotations

from .pages import docs_page, error_page, router

__all__ = ["docs_page", "error_page", "router"]
