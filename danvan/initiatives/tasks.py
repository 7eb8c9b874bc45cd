"""Background jobs of the initiatives app: none yet.

Photo thumbnails are small (≤ 5 MB in, 320 px out) and made in the request; a library export is capped at
5,000 rows. A national export or a bulk thumbnail rebuild would be the first @task here.
"""
