"""Readers and writers: documents in, results out, in the formats people use.

* :mod:`.jsonl` reads documents (JSON Lines, ``.txt``, stdin) and reads and writes results;
* :mod:`.parquet` reads Parquet documents and writes a flat quote table;
* :mod:`.database` writes results into DuckDB;
* :mod:`.table` prints results as a terminal table;
* :mod:`.speaker_index` indexes speakers across a corpus of results.
"""
