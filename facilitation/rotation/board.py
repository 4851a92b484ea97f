"""Who has met whom and who has sat where, over played rounds and a seating being planned."""


def _weights(people, most):
    """Pair weight and return weight that make the objective lexicographic."""
    # Sum of m^3 only breaks ties of sum of m^2: a pair meeting three times is worse than
    # three pairs meeting twice, which sum of m^2 alone counts the same.
    pair = 4 * people * (3 * most * most + 3 * most + 1) + 1
    # A return to a visited table outweighs any pair cost one swap can change.
    back = 4 * pair * people * (2 * most + 1)
    return pair, back


class Board:
    """Meeting counts and table visits for the played rounds plus the rounds being planned."""

    def __init__(self, tables, people, hosts, played=(), most=1):
        """Count the meetings and visits of the rounds already played (most: rounds in all)."""
        self.tables = tables
        self.pair_weight, self.return_weight = _weights(people, most)
        # Objective change when a meeting count m goes up by one, or down from m.
        self.up = [self.pair_weight * (2 * m + 1) + 3 * m * m + 3 * m + 1 for m in range(most + 2)]
        self.down = [0] + [self.pair_weight * (2 * m - 1) + 3 * m * m - 3 * m + 1
                           for m in range(1, most + 2)]
        self.hosts = frozenset(hosts)
        self.met = [[0] * people for _ in range(people)]
        self.visits = [[0] * tables for _ in range(people)]
        self.rounds = []
        self.where = []
        for seating in played:
            for t, members in enumerate(seating):
                for i, x in enumerate(members):
                    self._meet(x, members[:i], 1)
                    self.visits[x][t] += 1

    def copy(self):
        """Return an independent board with the same counts and planned rounds."""
        other = Board.__new__(Board)
        other.tables, other.hosts = self.tables, self.hosts
        other.pair_weight, other.return_weight = self.pair_weight, self.return_weight
        other.up, other.down = self.up, self.down
        other.met = [row[:] for row in self.met]
        other.visits = [row[:] for row in self.visits]
        other.rounds = [[members[:] for members in seating] for seating in self.rounds]
        other.where = [dict(places) for places in self.where]
        return other

    def _meet(self, x, others, step):
        """Add step to the meeting count of x with each of others."""
        row = self.met[x]
        for z in others:
            row[z] += step
            self.met[z][x] += step

    def open_round(self):
        """Start an empty planned round and return its index."""
        self.rounds.append([[] for _ in range(self.tables)])
        self.where.append({})
        return len(self.rounds) - 1

    def sit(self, r, x, t):
        """Seat x at table t in planned round r."""
        members = self.rounds[r][t]
        self._meet(x, members, 1)
        members.append(x)
        self.visits[x][t] += 1
        self.where[r][x] = t

    def stand(self, r, x):
        """Take x away from their table in planned round r."""
        t = self.where[r].pop(x)
        members = self.rounds[r][t]
        members.remove(x)
        self._meet(x, members, -1)
        self.visits[x][t] -= 1

    def join_cost(self, x, t, members, skip=None):
        """Objective added by seating x at table t beside members (skip excluded)."""
        row = self.met[x]
        cost = sum(map(self.up.__getitem__, map(row.__getitem__, members)))
        if skip is not None:
            cost -= self.up[row[skip]]
        if x not in self.hosts and self.visits[x][t] >= 1:
            cost += self.return_weight
        return cost

    def leave_gain(self, r, x):
        """Objective removed by taking x away from their table in planned round r."""
        t = self.where[r][x]
        row = self.met[x]
        # x's own entry is zero (nobody meets themselves) and down[0] is zero.
        gain = sum(map(self.down.__getitem__, map(row.__getitem__, self.rounds[r][t])))
        if x not in self.hosts and self.visits[x][t] >= 2:
            gain += self.return_weight
        return gain

    def in_conflict(self, r, x):
        """Tell whether x, in planned round r, revisits a table or meets someone again."""
        t = self.where[r][x]
        if self.visits[x][t] >= 2:
            return True
        row = self.met[x]
        return any(row[z] >= 2 for z in self.rounds[r][t] if z != x)

    def conflicts(self):
        """List (round, traveller) for every traveller in conflict in a planned round."""
        return [(r, x) for r, places in enumerate(self.where)
                for x in places if x not in self.hosts and self.in_conflict(r, x)]

    def objective(self):
        """Weighted returns, then the sum over pairs of (times met) squared, then of cubed."""
        returns = sum(max(0, v - 1) for x, row in enumerate(self.visits)
                      if x not in self.hosts for v in row)
        pairs = sum(self.pair_weight * m * m + m * m * m
                    for x, row in enumerate(self.met) for m in row[x + 1:] if m)
        return self.return_weight * returns + pairs
