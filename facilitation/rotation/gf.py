"""Finite fields GF(p^k) for the closed-form rotation, as small log/antilog tables."""
from functools import cache


def prime_power(n):
    """Return (p, k) when n == p**k for a prime p, else None."""
    if n < 2:
        return None
    p = next(d for d in range(2, n + 1) if n % d == 0)  # the smallest divisor is prime
    k = 0
    while n % p == 0:
        n //= p
        k += 1
    return (p, k) if n == 1 else None


def _digits(number, p, k):
    """Split an element number into its k polynomial coefficients, lowest first."""
    return [(number // p**i) % p for i in range(k)]


def _number(digits, p):
    """Join polynomial coefficients, lowest first, back into an element number."""
    return sum(d * p**i for i, d in enumerate(digits))


def _times_x(digits, modulus, p):
    """Multiply a polynomial by x, reducing with x^k = -(lower terms of the monic modulus)."""
    top = digits[-1]
    shifted = [0] + digits[:-1]
    return [(s - top * m) % p for s, m in zip(shifted, modulus)]


def _powers_of_x(modulus, p, k):
    """List x^0 .. x^(q-2) as element numbers, or None when they miss a nonzero element."""
    q = p**k
    digits = [1] + [0] * (k - 1)
    powers = []
    for _ in range(q - 1):
        powers.append(_number(digits, p))
        digits = _times_x(digits, modulus, p)
    return powers if set(powers) == set(range(1, q)) else None


class GaloisField:
    """GF(q): elements are 0..q-1, their base-p digits the coefficients of a polynomial."""

    def __init__(self, q):
        """Find a primitive modulus so that powers of x give every nonzero element."""
        found = prime_power(q)
        if found is None:
            raise ValueError(f"{q} is not a prime power")
        self.p, self.k = found
        self.q = q
        # A primitive polynomial always exists, so one of the q monic candidates succeeds.
        for tail in range(q):
            powers = _powers_of_x(_digits(tail, self.p, self.k), self.p, self.k)
            if powers:
                break
        self._exp = powers
        self._log = {value: power for power, value in enumerate(powers)}

    def add(self, a, b):
        """Add two elements coefficient by coefficient."""
        da, db = _digits(a, self.p, self.k), _digits(b, self.p, self.k)
        return _number([(x + y) % self.p for x, y in zip(da, db)], self.p)

    def mul(self, a, b):
        """Multiply two elements by adding their logarithms."""
        if a == 0 or b == 0:
            return 0
        return self._exp[(self._log[a] + self._log[b]) % (self.q - 1)]


@cache
def field(q):
    """Return GF(q), built once per order."""
    return GaloisField(q)
