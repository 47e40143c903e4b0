"""The benchmark's child process: one ``kb build`` of a synthetic library,
printing the build's own stage times as a JSON line (kb.bench.builds)."""

import json
import sys
from pathlib import Path

from kb.site.build import build_site

cases_dir, site_dir, docs_dir = map(Path, sys.argv[1:4])
print(json.dumps(build_site(cases_dir, site_dir, docs_dir).seconds))
