#!/usr/bin/env bash
# Re-vendor the web UI's JavaScript/CSS from the npm registry into api/static/vendor/.
# The copied files are committed, so the service runs offline; this script is only
# needed to upgrade them. Versions are pinned here; bump them deliberately.
set -euo pipefail

CYTOSCAPE_VERSION="3.34.4"
YASGUI_VERSION="4.6.2"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo_root/api/static/vendor"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --silent \
  "cytoscape@$CYTOSCAPE_VERSION" "@zazuko/yasgui@$YASGUI_VERSION"

mkdir -p "$dest"
cp node_modules/cytoscape/dist/cytoscape.min.js "$dest/cytoscape.min.js"
cp node_modules/cytoscape/LICENSE "$dest/cytoscape.LICENSE"
# The bundle carries Yasqe (editor) and Yasr (results); its source map is left out.
sed '/sourceMappingURL=/d' node_modules/@zazuko/yasgui/build/yasgui.min.js >"$dest/yasgui.min.js"
sed '/sourceMappingURL=/d' node_modules/@zazuko/yasgui/build/yasgui.min.css >"$dest/yasgui.min.css"
if [ -f node_modules/@zazuko/yasgui/LICENSE ]; then
  cp node_modules/@zazuko/yasgui/LICENSE "$dest/yasgui.LICENSE"
else
  printf 'MIT License: @zazuko/yasgui %s (https://github.com/rdfjs/Yasgui)\n' "$YASGUI_VERSION" >"$dest/yasgui.LICENSE"
fi

{
  echo "# Vendored by scripts/vendor_assets.sh from the npm registry; sha256 of each file."
  echo "cytoscape $CYTOSCAPE_VERSION"
  echo "@zazuko/yasgui $YASGUI_VERSION"
  (cd "$dest" && sha256sum cytoscape.min.js yasgui.min.js yasgui.min.css)
} >"$dest/VERSIONS.txt"
du -ch "$dest"/* | tail -1
