"""timelimit.time_limit: rings in the main thread, is a no-op elsewhere and when off."""
import threading
import time

import pytest

from dyad.timelimit import ItemTimeout, time_limit


def test_rings_after_the_limit_and_disarms():
    with pytest.raises(ItemTimeout, match="longer than 0.1 s"):
        with time_limit(0.1):
            time.sleep(2)
    with time_limit(0.1):  # finished in time: nothing rings later
        pass
    time.sleep(0.2)


def test_off_and_off_the_main_thread():
    with time_limit(0):
        time.sleep(0.05)
    done = []

    def work():
        with time_limit(0.01):
            time.sleep(0.05)
        done.append(True)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert done == [True]
