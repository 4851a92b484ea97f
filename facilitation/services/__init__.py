"""Domain services: plain functions that own transactions and rights checks.

They know nothing of HTTP or Socket.IO: `events.commit_and_publish` commits and
then hands the recorded events to the publisher that the app factory registers.
"""
