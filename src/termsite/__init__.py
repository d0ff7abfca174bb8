"""Versioned, bilingual terms of service, in the order the build runs:

``source`` (version files → model, checked) → ``comparison`` → ``timeline`` (which version
applies when) → ``pages`` → ``outputs``; ``workflow`` runs it. ``model``, ``labels`` and
``problems`` are shared by all. MkDocs appears only in ``hooks/``, which adapts it, and in
``workflow.build``, which runs it.
"""
