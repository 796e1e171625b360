"""The batch wing: ``sourcetrace batch``, resumable runs over corpora of any size.

    run.py       the four passes (read, prepare, cluster, analyse) and the stage functions of a task
    journal.py   the journal of finished work, atomic writes, the folder's layout
    tables.py    the Parquet tables of claims, reports and articles
    engines.py   where tasks run: this process, local processes or Ray (handed the task function)
"""

from __future__ import annotations

from .journal import Journal
from .run import BatchSettings, BatchSummary, Reporter, run_batch, run_task

__all__ = ["BatchSettings", "BatchSummary", "Journal", "Reporter", "run_batch", "run_task"]
