"""The dossier as JSON: the contract in ``shared/spec/dossier.schema.json`` (``sourcetrace.dossier/1``).

The records' JSON forms live in ``sourcetrace.codec`` (one serialiser per record, shared with the store
and the batch engine); this renderer only writes the document. Order follows the ``Dossier``'s tuples
(which the pipeline makes deterministic); the renderer adds no ordering of its own.
"""

from __future__ import annotations

import json

from ..codec import SCHEMA_ID, dossier_from_dict, dossier_to_dict
from ..model import Dossier

__all__ = ["SCHEMA_ID", "dossier_from_dict", "dossier_to_dict", "dossier_to_json"]


def dossier_to_json(d: Dossier) -> str:
    """The dossier as a JSON document (indented, UTF-8 text kept as is), ending in a newline."""
    return json.dumps(dossier_to_dict(d), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
