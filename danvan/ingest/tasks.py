"""Background jobs of the ingest app: none yet. Reading one article takes milliseconds (see README), so the
upload page and `ingest_files` call `ingest_document_create` directly."""
