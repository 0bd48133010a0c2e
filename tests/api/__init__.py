"""HTTP API tests against a live server."""
