"""What the tests build and drive: the café, Socket.IO clients, live servers, browser actions,
the SMTP server. Fixtures stay in the conftest files; everything else a test imports is here."""
