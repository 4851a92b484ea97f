"""Everything that leaves the server over Socket.IO goes through this package."""
