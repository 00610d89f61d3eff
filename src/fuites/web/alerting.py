"""Alerts for articles posted to the API: sent after the commit, by one thread in the background.

The article's transaction wrote its incidents to the alerts outbox (`fuites.alerts`, step 1);
`kick()` asks a thread of this process to run `fuites.alerts.notify_changes`, the delivery
`fuites ingest` runs after its commits, which records the alerts, empties the outbox and sends
what is due. The request never waits for a webhook or a mail server: it answers once the article
is stored. One run at a time: a kick during a run makes one more run after it (the run may have
read the outbox before the newest article), never a queue. Whatever a run does not get to (a
server stopped mid-delivery) stays in the store: the next run, here or in `fuites alerts retry`,
takes it up, so the server also runs once when it starts.
"""

from __future__ import annotations

import logging
import threading

from fuites import alerts
from fuites.store import Store

_log = logging.getLogger(__name__)


class AlertSender:
    """Runs the alerts' delivery for a store in a thread of its own, when kicked."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.runs = 0  # finished runs, for the curious (and the tests)
        self._wanted = threading.Event()
        self._closing = False
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def kick(self) -> None:
        """Ask for a run soon; returns at once."""
        with self._lock:
            if self._closing:
                return
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="fuites-alerts", daemon=True)
                self._thread.start()
        self._wanted.set()

    def close(self, timeout: float = 2.0) -> None:
        """Stop after the delivery under way; a slow webhook does not hold the server's exit longer
        than `timeout` (its alert is left `sending` and taken up again after its lease)."""
        with self._lock:
            self._closing = True
            thread = self._thread
        self._wanted.set()
        if thread is not None:
            thread.join(timeout)

    def _loop(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            if self._closing:
                return
            try:
                report = alerts.notify_changes(self.store)
            except Exception as e:  # noqa: BLE001 - the thread must outlive one failed run
                _log.warning("fuites: the alerts could not be sent (%s: %s); `fuites alerts retry` sends them",
                             type(e).__name__, " ".join(str(e).split())[:200])
            else:
                for delivery, error in report.failed:
                    _log.warning("fuites: alert %d not delivered: %s; `fuites alerts retry` sends it again",
                                 delivery, error)
            self.runs += 1
