"""A real SMTP server on loopback (aiosmtpd) for the mail tests."""

import threading
from email import message_from_bytes, policy
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from campus.core.tests.helpers import free_port


class Inbox:
    """aiosmtpd's handler: keeps every mail it accepts. `hold()` makes the next DATA wait until
    `release()` and then answer 451 (a server that hangs mid-mail, then gives up)."""

    def __init__(self) -> None:
        self.mails: list[EmailMessage] = []
        self.held = threading.Event()  # set while a DATA is being held
        self._release = threading.Event()
        self._hold_next = False

    def hold(self) -> None:
        self._hold_next = True
        self._release.clear()

    def release(self) -> None:
        self._release.set()

    async def handle_DATA(self, server, session, envelope) -> str:
        if self._hold_next:
            self._hold_next = False
            self.held.set()
            await server.loop.run_in_executor(None, self._release.wait, 30)
            return "451 Requested action aborted: try again later"
        self.mails.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"


class SMTPServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Inbox()
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
