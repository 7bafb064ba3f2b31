"""The web chat widget and its small server (``unscripted web``).

The widget (``static/``) is plain JavaScript that any page embeds with one script tag. It
talks to this package's aiohttp server, which forwards each message to the Rasa server's
REST channel, deletes a conversation on request, and serves the demo page.
"""
