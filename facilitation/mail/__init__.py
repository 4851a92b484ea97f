"""Email: composing the summary mail, sending it (SMTP or a file outbox), the durable job."""
