"""Live-server tests cut and kill connections on purpose."""
import pytest


def pytest_collection_modifyitems(items):
    """Sockets orphaned by a cut transport or a killed server are closed by the garbage
    collector; its warnings about them are expected here, not leaks of the app's own."""
    for item in items:
        if "/tests/live/" in str(item.path):
            item.add_marker(pytest.mark.filterwarnings("ignore::ResourceWarning"))
            item.add_marker(pytest.mark.filterwarnings(
                "ignore::pytest.PytestUnraisableExceptionWarning"))

