"""The Telegram bridge: python-telegram-bot in front of the Rasa server's REST channel.

Modules, each named for what it does (none reads the environment or the network at import):

- ``settings``    the bridge's settings from the environment, failing fast on a missing token
- ``rasa_client`` one message to the REST channel and its replies: timeout, one retry
- ``render``      Rasa replies into Telegram messages: buttons, splitting at 4096 characters
- ``payloads``    button payloads as callback data (Telegram allows 64 bytes)
- ``commands``    the slash commands and what each one does
- ``texts``       everything the bridge itself says
- ``ordering``    concurrent updates across people, one person's updates in order
- ``handlers``    what happens to each kind of update
- ``app``         the PTB Application with the handlers
- ``webhook``     the small web server: the webhook (with its secret) and the health check
- ``logs``        quiet HTTP loggers and the token redacted from every log line
- ``service``     start and stop it all, polling or webhook (``unscripted telegram``)
"""
