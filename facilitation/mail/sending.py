"""Transports: send one message by SMTP, or write it into the file outbox."""
import os
import re
import smtplib
import ssl
from email.utils import parseaddr
from pathlib import Path

TRANSPORTS = ("outbox", "smtp")
SECURITY = ("starttls", "ssl", "none")


class SendError(Exception):
    """A message that did not go out; `permanent` when trying again cannot help."""

    def __init__(self, message, permanent=False):
        super().__init__(message)
        self.permanent = permanent


def send(config, instance_path, message, recipient):
    """Send `message` to one recipient with the configured transport."""
    transport = config.get("MAIL_TRANSPORT", "outbox")
    if transport == "smtp":
        return send_smtp(config, message, recipient)
    if transport == "outbox":
        try:
            return write_outbox(outbox_dir(config, instance_path), message)
        except OSError as error:
            raise SendError(f"cannot write the outbox: {error}") from None
    raise SendError(f"unknown MAIL_TRANSPORT {transport!r}: use 'outbox' or 'smtp'")


def outbox_dir(config, instance_path):
    """Where the file outbox writes: MAIL_OUTBOX, else instance/outbox/."""
    return Path(config.get("MAIL_OUTBOX") or Path(instance_path) / "outbox")


def write_outbox(directory, message):
    """Write the message as an .eml file named after its Message-ID (a resend overwrites)."""
    directory.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", message["Message-ID"].strip("<>")) + ".eml"
    tmp = directory / (name + ".tmp")
    tmp.write_bytes(message.as_bytes())
    os.replace(tmp, directory / name)  # atomic: a reader never sees half a file
    return directory / name


def send_smtp(config, message, recipient):
    """Hand the message to the SMTP server; raise SendError saying why it failed."""
    security = config.get("MAIL_SECURITY", "starttls")
    if security not in SECURITY:
        raise SendError(f"unknown MAIL_SECURITY {security!r}", permanent=True)
    host, port, timeout = config["MAIL_HOST"], config["MAIL_PORT"], config["MAIL_TIMEOUT"]
    sender = parseaddr(config["MAIL_FROM"])[1]
    try:
        if security == "ssl":
            smtp = smtplib.SMTP_SSL(host, port, timeout=timeout,
                                    context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(host, port, timeout=timeout)
        with smtp:
            if security == "starttls":
                smtp.starttls(context=ssl.create_default_context())
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            smtp.send_message(message, sender, [recipient])
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()))
        raise SendError(_reply_text(code, reply), permanent=code >= 500) from None
    except smtplib.SMTPAuthenticationError as error:
        # Wrong credentials are the operator's to fix; retrying later may then work.
        raise SendError(_reply_text(error.smtp_code, error.smtp_error)) from None
    except smtplib.SMTPResponseException as error:
        raise SendError(_reply_text(error.smtp_code, error.smtp_error),
                        permanent=error.smtp_code >= 500) from None
    except (smtplib.SMTPException, OSError) as error:
        raise SendError(f"{type(error).__name__}: {error}") from None


def _reply_text(code, reply):
    """An SMTP reply as one readable line."""
    if isinstance(reply, bytes):
        reply = reply.decode("utf-8", "replace")
    return f"{code} {' '.join(str(reply).split())}"
