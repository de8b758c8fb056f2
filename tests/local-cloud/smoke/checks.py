"""A tiny check runner for the smoke tests: each check is a function; a failure is reported with
its message and the run goes on; the last line is the summary the CI reads."""

import sys
import time
import traceback

_results = []


def check(function):
    started = time.monotonic()
    try:
        function()
    except Exception as error:  # noqa: BLE001 - any failure of a flow is a failed check
        _results.append(False)
        print(f"FAIL {function.__name__} ({time.monotonic() - started:.1f}s): {error}", flush=True)
        traceback.print_exc(limit=3)
    else:
        _results.append(True)
        print(f"ok   {function.__name__} ({time.monotonic() - started:.1f}s)", flush=True)
    return function


def wait_status(what, fetch, wanted, timeout=180, failed=("error",)):
    started = time.monotonic()
    status = None
    while time.monotonic() - started < timeout:
        resource = fetch()
        status = (resource.status or "").lower()
        if status == wanted:
            return resource
        if status in failed:
            raise AssertionError(f"{what} went to {status}")
        time.sleep(1)
    raise AssertionError(f"{what} still {status} after {timeout}s, wanted {wanted}")


def wait_gone(find, timeout=120):
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if find() is None:
            return
        time.sleep(1)
    raise AssertionError(f"still there {timeout}s after delete")


def summary(name):
    passed = sum(_results)
    failed = len(_results) - passed
    print(f"{name}: {passed} passed, {failed} failed", flush=True)
    sys.exit(1 if failed else 0)
