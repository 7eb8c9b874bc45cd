"""Background jobs of the movements app: none yet.

Bulk registration inserts a whole country's Party committees (3,355 rows) in one request within a second, and
the scoreboard is a handful of grouped queries. A national scoreboard export of many movements would be the
first @task here.
"""
