"""Command line: print a people-rotate seating plan as one JSON object."""
import argparse
import json
import sys

from .planner import plan_people_rotation


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit code 2."""

    def error(self, message):
        """Report a bad argument on one line and stop."""
        self.exit(2, f"{self.prog}: error: {message}\n")


def main(argv=None):
    """Parse the arguments, plan the rotation and print it."""
    parser = _Parser(prog="python -m facilitation.rotation",
                     description="Plan which table each person sits at in each round.")
    parser.add_argument("--tables", type=int, required=True, help="tables, one host each")
    parser.add_argument("--people", type=int, required=True, help="people, hosts included")
    parser.add_argument("--rounds", type=int, required=True, help="rounds")
    parser.add_argument("--seed", type=int, default=0, help="search seed: same seed, same plan")
    args = parser.parse_args(argv)
    try:
        plan = plan_people_rotation(args.tables, args.people, args.rounds, seed=args.seed)
    except ValueError as error:
        parser.error(str(error))
    print(json.dumps(plan))
    return 0


if __name__ == "__main__":
    sys.exit(main())
