"""Greedy seating with restarts and a swap search that removes repeated meetings."""
import math
from collections import deque


def settle(board, proposals, present, home, rng):
    """Plan one round per proposed seating, then make every round valid and balanced."""
    for proposal in proposals:
        r = board.open_round()
        _seat_proposal(board, r, proposal, present, home)
        _trim(board, r, len(present))
        pool = sorted(x for x in present if x not in board.where[r])
        rng.shuffle(pool)
        _fill(board, r, pool, len(present), rng)
    return board


def _seat_proposal(board, r, proposal, present, home):
    """Seat the present people of a proposal; hosts always at their own table."""
    for t, members in enumerate(proposal):
        for x in members:
            if x in present and x not in board.where[r] and home.get(x, t) == t:
                board.sit(r, x, t)
    for x, t in home.items():
        if x in present and x not in board.where[r]:
            board.sit(r, x, t)


def _trim(board, r, count):
    """Stand up the travellers a balanced round has no seat for."""
    seating = board.rounds[r]
    small, extra = divmod(count, board.tables)
    # The fullest tables keep the larger size, so the fewest people have to move.
    order = sorted(range(board.tables), key=lambda t: -len(seating[t]))
    limits = {t: small + (i < extra) for i, t in enumerate(order)}
    for t, limit in limits.items():
        while len(seating[t]) > limit:
            movable = [x for x in seating[t] if x not in board.hosts]
            board.stand(r, max(movable, key=lambda x: board.leave_gain(r, x)))


def _fill(board, r, pool, count, rng):
    """Seat each waiting traveller where they add the least cost, keeping sizes within one."""
    seating = board.rounds[r]
    small, extra = divmod(count, board.tables)
    for x in pool:
        large = sum(len(members) > small for members in seating)
        best, best_t = math.inf, None
        for t, members in enumerate(seating):
            size = len(members)
            if size > small or (size == small and large >= extra):
                continue
            cost = board.join_cost(x, t, members) + rng.random()  # random tie-break
            if cost < best:
                best, best_t = cost, t
        board.sit(r, x, best_t)


def unreturn(board):
    """Take travellers off tables they revisit, by chains of moves, wherever a chain exists."""
    for r, places in enumerate(board.where):
        for x in list(places):
            if x not in board.hosts and board.visits[x][places[x]] >= 2:
                chain = _chain(board, r, x)
                if chain:
                    _apply(board, r, chain)
    return board


def improve(board, rng, steps, patience=1000):
    """Move travellers out of conflicts, allowing some sideways moves; keep the best seating."""
    value = best_value = board.objective()
    best_rounds = _snapshot(board)
    queue, last_gain = [], 0
    for step in range(steps):
        if step - last_gain > patience:
            break  # what is left cannot go (say, more rounds than tables): stop looking
        if not queue:
            queue = board.conflicts()
            rng.shuffle(queue)
            if not queue:
                break
        r, x = queue.pop()
        if not board.in_conflict(r, x):
            continue
        delta, moves = _best_moves(board, r, x, rng)
        if moves and _accept(board, delta, rng):
            value += _apply(board, r, moves)
            if value < best_value:
                best_value, best_rounds, last_gain = value, _snapshot(board), step
    return best_rounds


def _accept(board, delta, rng):
    """Take every gain, half the sideways moves and a few uphill ones, but never a new return."""
    # Sideways and small uphill moves let the search leave a local minimum.
    if delta < 0:
        return True
    if delta == 0:
        return rng.random() < 0.5
    return delta < board.return_weight and rng.random() < 0.1


def _best_moves(board, r, x, rng):
    """The cheapest swap or move for x, or a chain when x revisits a table and no swap helps."""
    delta, moves = _best_swap(board, r, x, rng)
    if delta >= 0 and board.visits[x][board.where[r][x]] >= 2:
        chain = _chain(board, r, x)
        if chain:
            return -board.return_weight, chain  # a chain always takes away a return
    return delta, moves


def _best_swap(board, r, x, rng):
    """Find the cheapest swap or balanced move for x in round r, ties broken at random."""
    seating, a = board.rounds[r], board.where[r][x]
    leave_x = board.leave_gain(r, x)
    met_x = board.met[x]
    best, choices = math.inf, []
    for b, members in enumerate(seating):
        if b == a:
            continue
        join_x = board.join_cost(x, b, members)
        options = []
        if len(members) == len(seating[a]) - 1:
            options.append((join_x - leave_x, [(x, b)]))
        for y in members:
            if y not in board.hosts:
                delta = (join_x - board.up[met_x[y]] - leave_x - board.leave_gain(r, y)
                         + board.join_cost(y, a, seating[a], skip=x))
                options.append((delta, [(x, b), (y, a)]))
        for delta, moves in options:
            if delta < best:
                best, choices = delta, [moves]
            elif delta == best:
                choices.append(moves)
    return best, (rng.choice(choices) if choices else None)


def _chain(board, r, x):
    """Find moves, each to a table its traveller never visited, that take x off their table."""
    seating, where, visits = board.rounds[r], board.where[r], board.visits
    start = where[x]
    came = {}  # table reached -> (table left, traveller moving)
    frontier = deque([(start, [x])])
    while frontier:
        table, movers = frontier.popleft()
        for y in movers:
            for t in range(board.tables):
                if visits[y][t] or t in came or (t == start and table == start):
                    continue
                came[t] = (table, y)
                # Back at the start (a cycle) or at a smaller table: sizes stay within one.
                if t == start or len(seating[t]) == len(seating[start]) - 1:
                    return _unwind(came, start, t)
                frontier.append((t, [z for z in seating[t] if z not in board.hosts]))
    return None


def _unwind(came, start, end):
    """List the (traveller, table) moves of a chain, from its end back to its start."""
    moves, table = [], end
    while True:
        table_left, traveller = came[table]
        moves.append((traveller, table))
        if table_left == start:
            return moves
        table = table_left


def _apply(board, r, moves):
    """Carry out (traveller, table) moves together and return the change in the objective."""
    delta = 0
    for y, _ in moves:
        delta -= board.leave_gain(r, y)
        board.stand(r, y)
    for y, t in moves:
        delta += board.join_cost(y, t, board.rounds[r][t])
        board.sit(r, y, t)
    return delta


def _snapshot(board):
    """Copy the planned seating."""
    return [[members[:] for members in seating] for seating in board.rounds]
