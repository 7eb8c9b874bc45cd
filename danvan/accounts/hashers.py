"""The password hasher: Argon2id with a memory cost chosen for many logins at once (docs/decisions/0014).

Django's default Argon2 takes 100 MiB and 8 lanes per hash, so N simultaneous logins cost N × 100 MiB.
Here one hash takes 19 MiB, 2 passes, 1 lane (the OWASP baseline for Argon2id), and a process runs at most
HASHES_PER_PROCESS of them at a time, so a burst of logins queues instead of growing memory.

The algorithm name stays "argon2": hashes made with Django's parameters still verify, and Django rehashes
them with these parameters at the user's next successful login (must_update).
"""

import ctypes
import ctypes.util
import threading

from django.contrib.auth.hashers import Argon2PasswordHasher as DjangoArgon2PasswordHasher

HASHES_PER_PROCESS = 2
_slots = threading.BoundedSemaphore(HASHES_PER_PROCESS)


def _return_big_blocks_to_the_system() -> None:
    """glibc keeps a freed 19 MiB block in the arena of the thread that used it (its mmap threshold grows after
    the first free), so a threaded server kept 19 MiB per thread that ever hashed: 32 threads logging in at once
    peaked at 354 MB although only two hashed at a time. A fixed 1 MiB threshold makes such blocks mmaps that
    go back to the system when freed: 83 MB for the same burst (docs/decisions/0014). Other C libraries: nothing
    to do."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(-3, 1024 * 1024)  # M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        pass


_return_big_blocks_to_the_system()


class Argon2PasswordHasher(DjangoArgon2PasswordHasher):
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1

    def encode(self, password, salt):
        with _slots:
            return super().encode(password, salt)

    def verify(self, password, encoded):
        with _slots:
            return super().verify(password, encoded)
