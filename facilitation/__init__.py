"""Kahvila: a live board for Learning Café workshops.

Importing the package builds nothing; call `create_app()`.
"""


def create_app(config=None):
    """Build the Flask app (see facilitation.factory)."""
    from .factory import build_app
    return build_app(config)
