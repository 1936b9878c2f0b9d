"""Schemathesis hooks for the station's contract run (scripts/schemathesis.sh).

The run acts as the station's administrator, so every operation is reachable. The fuzzer signs
out now and then (`DELETE /api/v1/sessions/current`); a request that answers 401 then takes the
next session of a pool opened before the run. They are opened beforehand because the fuzzer's
own sign-in attempts soon lock the administrator's phone (it reads the number from responses and
guesses passwords for it: five wrong ones lock a phone for 15 minutes, as they should).
"""
import json
import os
import threading
import time
import urllib.error
import urllib.request

import schemathesis

BASE_URL = os.environ["STATION_BASE_URL"]
PHONE = os.environ["STATION_SCHEMATHESIS_PHONE"]
PASSWORD = os.environ["STATION_SCHEMATHESIS_PASSWORD"]
POOL_SIZE = 150


def sign_in() -> str:
    """One session; waits as told while the flood limit of sign-ins (60 at once) refills."""
    request = urllib.request.Request(
        f"{BASE_URL}/api/v1/sessions",
        data=json.dumps({"phone": PHONE, "password": PASSWORD}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    for _ in range(30):
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return json.load(response)["token"]
        except urllib.error.HTTPError as error:
            if error.code != 429:
                raise
            time.sleep(float(error.headers.get("Retry-After", "1")))
    raise RuntimeError("the sign-in stayed refused with 429")


_pool = [sign_in() for _ in range(POOL_SIZE)]
_lock = threading.Lock()


@schemathesis.auth(retry_on=[401])
class StationSession:
    def get(self, case, ctx):
        with _lock:
            if not _pool:
                raise RuntimeError(f"all {POOL_SIZE} sessions were signed out: enlarge the pool")
            return _pool.pop()

    def set(self, case, token, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {token}"
