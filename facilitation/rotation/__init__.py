"""Who sits where: seating plans for people-rotate rounds, topic order for topics-rotate rounds.

Pure: standard library only, so it runs from the command line and is tested without an app.
"""
from .planner import plan_people_rotation
from .stats import plan_stats
from .topics import topic_rotation

__all__ = ["plan_people_rotation", "plan_stats", "topic_rotation"]
