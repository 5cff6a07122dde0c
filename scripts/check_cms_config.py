"""Check the generated CMS configuration against the pinned Sveltia CMS's own JSON Schema.

Run it when bumping the version in docs/admin/index.html (the schema ships in the npm package):

    npm pack @sveltia/cms@VERSION && tar xzf sveltia-cms-VERSION.tgz
    pip install jsonschema && python scripts/check_cms_config.py package/schema/sveltia-cms.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from macros.cms import cms_config


def main(schema_path: str, project: str = ".") -> int:
    import jsonschema

    schema = json.loads(Path(schema_path).read_text(encoding="utf-8"))
    config = json.loads(json.dumps(cms_config(Path(project)), default=str))
    errors = list(jsonschema.Draft7Validator(schema).iter_errors(config))
    for error in errors:
        print(f"{'/'.join(map(str, error.absolute_path))}: {error.message[:300]}")
    summary = f"{len(errors)} fouten in de CMS-configuratie" if errors else "Geen fouten."
    print(summary)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
