"""Topic order for the topics-rotate mode, where people stay and topics move."""


def topic_rotation(tables, topics, rounds):
    """Give the topic index shown at each table per round; each topic moves one table on."""
    if tables < 1 or topics < 1 or rounds < 1:
        raise ValueError("need at least one table, one topic and one round")
    return [[(t - r) % topics for t in range(tables)] for r in range(rounds)]
