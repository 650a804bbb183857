"""Batch runs over corpora: parallel, resumable, per-document limits.

* :mod:`.runner` runs an extractor over a stream of documents on worker processes;
* :mod:`.dask_engine` runs the same on a Dask cluster.
"""
