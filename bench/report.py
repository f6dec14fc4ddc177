"""What every benchmark records with its figures: when, where and under what load; and the JSON file."""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
from pathlib import Path


def conditions(**extra) -> dict:
    return {"date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
            "load_average": os.getloadavg(), "python": platform.python_version(), **extra}


def write_json(path: Path, conds: dict, results: list[dict]) -> None:
    """Write the result, with the load average at the end added to the conditions."""
    conds["load_average_after"] = os.getloadavg()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"conditions": conds, "results": results}, indent=2) + "\n")
    print(f"written {path}")
