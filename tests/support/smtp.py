"""A real SMTP server (aiosmtpd) in the test process, recording what it accepts."""
import asyncio
import threading
from collections import Counter
from email import message_from_bytes
from email.policy import default

from aiosmtpd.controller import Controller

from tests.support.server import free_port


class Mailbox:
    """An aiosmtpd handler: refuses each recipient's first N attempts, may answer slowly.

    A slow answer comes after the whole message arrived. With `keep_before_reply` the
    message is stored before that wait, as a server that queued it and then stalled;
    otherwise after it, so a client vanishing during the wait leaves nothing stored.
    """

    def __init__(self, refuse_first=0, refusal="451 4.3.0 Try again later", delay=0.0,
                 keep_before_reply=False):
        self.refuse_first = refuse_first
        self.refusal = refusal
        self.delay = delay
        self.keep_before_reply = keep_before_reply
        self.lock = threading.Lock()
        self.attempts = Counter()
        self.delivered = []      # (recipients, mail_from, raw bytes)
        self.started = []        # Message-IDs whose slow answer has begun

    async def handle_DATA(self, server, session, envelope):
        """Accept (after `delay`) or refuse one message."""
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.attempts[recipient] += 1
            tries = max(self.attempts[r] for r in envelope.rcpt_tos)
        if tries <= self.refuse_first:
            return self.refusal
        if self.keep_before_reply:
            self._keep(envelope)
        if self.delay:
            with self.lock:
                self.started.append(
                    message_from_bytes(envelope.content, policy=default)["Message-ID"])
            # A dropped connection cancels this wait (aiosmtpd cancels the handler).
            await asyncio.sleep(self.delay)
        if not self.keep_before_reply:
            self._keep(envelope)
        return "250 2.0.0 OK"

    def _keep(self, envelope):
        """Store an accepted message."""
        with self.lock:
            self.delivered.append((tuple(envelope.rcpt_tos), envelope.mail_from, envelope.content))

    def messages(self):
        """The accepted messages, parsed."""
        with self.lock:
            return [message_from_bytes(raw, policy=default) for _r, _f, raw in self.delivered]

    def received_by(self):
        """How many messages each address received."""
        with self.lock:
            return Counter(r for recipients, _f, _raw in self.delivered for r in recipients)


class SmtpServer:
    """aiosmtpd on 127.0.0.1 and a free port, started and stopped as a context manager."""

    def __init__(self, handler, **options):
        self.handler = handler
        self.port = free_port()
        self.controller = Controller(handler, hostname="127.0.0.1", port=self.port, **options)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()

    def settings(self, **more):
        """App settings that send through this server."""
        return {"MAIL_TRANSPORT": "smtp", "MAIL_HOST": "127.0.0.1", "MAIL_PORT": self.port,
                "MAIL_SECURITY": "none", "MAIL_TIMEOUT": 10, **more}
