"""Readers and writers: documents in, results out, in the formats people use.

* :mod:`.documents` reads documents (JSON Lines, ``.txt``, folders, stdin; Parquet via :mod:`.parquet`);
* :mod:`.results` reads results (gold or output: JSON Lines, ``.json``, ``.gz``, folders);
* :mod:`.writer` writes results as JSON Lines;
* :mod:`.jsonl` opens, decodes and parses JSON Lines for both readers;
* :mod:`.parquet` reads Parquet documents and writes a flat quote table;
* :mod:`.database` writes results into DuckDB;
* :mod:`.table` prints results as a terminal table;
* :mod:`.speaker_index` indexes speakers across a corpus of results.
"""
