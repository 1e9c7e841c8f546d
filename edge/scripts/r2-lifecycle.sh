#!/usr/bin/env bash
# Sets the lifecycle rules of the Storycut media bucket on Cloudflare R2:
#   abort-stale-multipart  incomplete multipart uploads are aborted after 1 day. They are
#                          left behind when an engine stops sending the parts of a large
#                          artifact (or of its own direct upload) and would be billed forever.
# Finished objects have no expiry: they live until their project is deleted. The edge keeps
# no temporary objects, so no prefix needs one.
#
# Usage: scripts/r2-lifecycle.sh [bucket]     (default: storycut-media, as in wrangler.jsonc)
# Needs `wrangler login` or CLOUDFLARE_API_TOKEN (+ CLOUDFLARE_ACCOUNT_ID). Safe to run again.
set -euo pipefail

bucket="${1:-storycut-media}"
rule="abort-stale-multipart"
cd "$(dirname "$0")/.."

run() {
    echo "+ wrangler $*" >&2
    npx --no-install wrangler "$@"
}

# `lifecycle add` appends a rule even when one of that name exists: drop ours first. A
# missing rule is the only error expected here; a real problem fails the add below.
run r2 bucket lifecycle remove "$bucket" --name "$rule" || echo "(no rule '$rule' yet)" >&2
# --force: the rule has no prefix on purpose (it applies to the whole bucket).
run r2 bucket lifecycle add "$bucket" "$rule" --abort-multipart-days 1 --force
run r2 bucket lifecycle list "$bucket"
