#!/usr/bin/env python3
"""Zip a built site reproducibly: sorted entries, fixed times (SOURCE_DATE_EPOCH), fixed modes.

Usage: python scripts/zip_site.py SITE_DIR ZIP_PATH
The archive holds one top-level folder named after SITE_DIR.
"""

from __future__ import annotations

import os
import sys
import time
import zipfile
from pathlib import Path

EPOCH_1980 = 315532800  # the earliest time a zip file can record


def zip_site(site: Path, archive: Path) -> None:
    """Write ``archive`` from ``site``: the same files always give the same bytes."""
    stamp = max(int(os.environ.get("SOURCE_DATE_EPOCH", EPOCH_1980)), EPOCH_1980)
    date_time = time.gmtime(stamp)[:6]
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as bundle:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{site.name}/{path.relative_to(site).as_posix()}", date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            bundle.writestr(info, path.read_bytes())


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    zip_site(Path(sys.argv[1]), Path(sys.argv[2]))
