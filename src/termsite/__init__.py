"""Versioned, bilingual terms of service: model, validation, comparison and rendering.

The package is framework-free: MkDocs only appears in ``hooks/``, which adapts it.
"""
