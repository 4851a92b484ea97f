"""Domain services: plain functions that own transactions and rights checks.

They know nothing of HTTP or Socket.IO; after a commit they hand the recorded
events to the broadcast helper.
"""
